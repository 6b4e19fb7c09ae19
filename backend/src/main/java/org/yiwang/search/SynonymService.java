package org.yiwang.search;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yiwang.common.ApiException;
import org.yiwang.common.PageResult;
import org.yiwang.common.Paging;
import org.yiwang.identity.CurrentUser;
import org.yiwang.identity.IdentityService;
import org.yiwang.region.RegionService;
import org.yiwang.audit.AuditService;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The synonym list administrators maintain. It applies to the whole province's search, so only the province's
 * item administrators change it; every item administrator reads it and the zero-result queries it is fed from.
 */
@Service
public class SynonymService {

    private final SearchMapper mapper;
    private final SearchService search;
    private final IdentityService identity;
    private final AuditService audit;
    private final Clock clock;

    SynonymService(SearchMapper mapper, SearchService search, IdentityService identity, AuditService audit, Clock clock) {
        this.mapper = mapper;
        this.search = search;
        this.identity = identity;
        this.audit = audit;
        this.clock = clock;
    }

    public record NewSynonym(String term, String expansion) {
    }

    public List<Synonym> list() {
        return mapper.findSynonyms();
    }

    @Transactional
    public Synonym add(NewSynonym request, HttpServletRequest http) {
        CurrentUser admin = provinceAdmin();
        String term = request == null || request.term() == null ? "" : request.term().trim();
        String expansion = request == null || request.expansion() == null ? "" : request.expansion().trim();
        if (term.isEmpty() || term.length() > 40) {
            throw ApiException.badParameter("term", "请填写 1 至 40 个字的俗称或同义词");
        }
        if (expansion.isEmpty() || expansion.length() > 200) {
            throw ApiException.badParameter("expansion", "请填写 1 至 200 个字的规范用词（事项名称中的词，空格分隔）");
        }
        try {
            mapper.insertSynonym(term, expansion, admin.username(), LocalDateTime.now(clock));
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("SYNONYM_EXISTS", "同义词“" + term + "”已存在");
        }
        audit.record(new AuditService.Event(admin.accountId(), admin.username(), "SEARCH_SYNONYM_ADD", "synonym:" + term,
                term + " → " + expansion, http.getRemoteAddr(), admin.regionCode()));
        Synonym added = mapper.findSynonyms().stream().filter(s -> s.term().equals(term)).findFirst().orElseThrow();
        afterCommit();
        return added;
    }

    @Transactional
    public void remove(long id, HttpServletRequest http) {
        CurrentUser admin = provinceAdmin();
        Synonym existing = mapper.findSynonym(id);
        if (existing == null || mapper.deleteSynonym(id) == 0) {
            throw ApiException.notFound("同义词 " + id);
        }
        audit.record(new AuditService.Event(admin.accountId(), admin.username(), "SEARCH_SYNONYM_REMOVE",
                "synonym:" + existing.term(), existing.term() + " → " + existing.expansion(), http.getRemoteAddr(),
                admin.regionCode()));
        afterCommit();
    }

    public PageResult<Miss> misses(Paging paging) {
        return paging.result(mapper.findMisses(paging.offset(), paging.size()), mapper.countMisses());
    }

    private CurrentUser provinceAdmin() {
        CurrentUser admin = identity.current();
        if (!RegionService.PROVINCE.equals(admin.regionCode())) {
            throw ApiException.forbidden("同义词表全省通用，仅省级事项管理员可以修改");
        }
        return admin;
    }

    private void afterCommit() {
        org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                new org.springframework.transaction.support.TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        search.synonymsChanged();
                    }
                });
    }
}
