package org.yiwang.hotline;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yiwang.common.ApiException;
import org.yiwang.common.PageResult;
import org.yiwang.common.Paging;
import org.yiwang.identity.CurrentUser;
import org.yiwang.identity.IdentityService;
import org.yiwang.identity.Role;
import org.yiwang.notification.NotificationService;
import org.yiwang.region.RegionService;

/**
 * 知识库: answers the public reads on the portal and operators give on the phone (直接答复, citing the entry). The
 * centre's dispatchers maintain every entry; an agency's clerks maintain their own agency's, and see those past
 * their review date flagged. Search is lexical: the query's words and Chinese character pairs against the
 * question, keywords and answer, ranked by how many match (the catalogue's search index covers items, not this).
 */
@Service
public class KnowledgeBase {

    static final int MAX_QUESTION = 200;
    /** An answer may be given as a ticket's reply (hotline_ticket.reply), so it is no longer than one. */
    static final int MAX_ANSWER = HotlineService.MAX_CONTENT;
    static final int MAX_KEYWORDS = 200;
    private static final int MAX_TERMS = 16;
    private static final int CANDIDATES = 200;

    private final KnowledgeMapper mapper;
    private final HotlineReference reference;
    private final IdentityService identity;
    private final RegionService regions;
    private final NotificationService notifications;
    private final Clock clock;

    KnowledgeBase(KnowledgeMapper mapper, HotlineReference reference, IdentityService identity, RegionService regions,
            NotificationService notifications, Clock clock) {
        this.mapper = mapper;
        this.reference = reference;
        this.identity = identity;
        this.regions = regions;
        this.notifications = notifications;
        this.clock = clock;
    }

    /** An entry as written by its maintainer; {@code version} is required to change an existing entry. */
    public record Change(String question, String answer, String keywords, String classCode, Long agencyId,
            LocalDate validUntil, LocalDate reviewDate, Integer version) {
    }

    /** Valid entries for a query, best first (anyone; operators beside the intake form). */
    public PageResult<KnowledgeEntry.Hit> search(String q, String classCode, Paging paging) {
        String query = HotlineService.text("q", q, 100, false, "查询内容");
        String cls = classCode == null || classCode.isBlank() ? null : reference.checkedClass("classCode", classCode).code();
        List<String> terms = query == null ? List.of() : terms(query);
        if (query != null && terms.isEmpty()) {
            return paging.result(List.of(), 0);
        }
        List<KnowledgeEntry.Hit> found = new ArrayList<>(mapper.search(terms, cls, LocalDate.now(clock), CANDIDATES));
        found.sort(Comparator.comparingInt((KnowledgeEntry.Hit h) -> -score(h, terms)));
        int from = Math.min(paging.offset(), found.size());
        return paging.result(found.subList(from, Math.min(from + paging.size(), found.size())), found.size());
    }

    public KnowledgeEntry.Hit get(long id) {
        KnowledgeEntry.Hit hit = mapper.findValid(id, LocalDate.now(clock));
        if (hit == null) {
            throw ApiException.notFound("知识库条目 " + id);
        }
        return hit;
    }

    /** The entry an operator's direct answer cites: it must exist and still be valid; its citations count one up. */
    KnowledgeEntry.Hit cite(Long id) {
        KnowledgeEntry.Hit hit = id == null ? null : mapper.findValid(id, LocalDate.now(clock));
        if (hit == null) {
            throw ApiException.badParameter("knowledgeId", "知识库条目不存在或已失效");
        }
        mapper.cite(id);
        return hit;
    }

    /** Words of letters and digits as they are; runs of Chinese characters as their character pairs. */
    static List<String> terms(String query) {
        Set<String> terms = new LinkedHashSet<>();
        for (String run : query.split("[^\\p{L}\\p{N}]+")) {
            if (run.isEmpty()) {
                continue;
            }
            if (run.codePoints().noneMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)) {
                terms.add(run.toLowerCase());
            } else if (run.length() == 1) {
                terms.add(run);
            } else {
                for (int i = 0; i + 2 <= run.length(); i++) {
                    terms.add(run.substring(i, i + 2));
                }
            }
        }
        return terms.stream().limit(MAX_TERMS).toList();
    }

    /** Matches in the question weigh double: that is what the caller asks. */
    private static int score(KnowledgeEntry.Hit h, List<String> terms) {
        int score = 0;
        String question = h.question().toLowerCase();
        String answer = h.answer().toLowerCase();
        for (String t : terms) {
            score += (question.contains(t) ? 2 : 0) + (answer.contains(t) ? 1 : 0);
        }
        return score;
    }

    /** The maintainer's list: all entries for the centre, the agency's own for its clerks; {@code reviewDue} the flagged. */
    public PageResult<KnowledgeEntry> entries(String q, Boolean reviewDue, Paging paging) {
        Long agency = scope(identity.current());
        String query = HotlineService.text("q", q, 100, false, "查询内容");
        LocalDate today = LocalDate.now(clock);
        return paging.result(mapper.find(agency, query, reviewDue, today, paging.offset(), paging.size()),
                mapper.count(agency, query, reviewDue, today));
    }

    @Transactional
    public KnowledgeEntry create(Change change) {
        CurrentUser user = identity.current();
        KnowledgeMapper.Write w = checked(change, user, scope(user), null);
        mapper.insert(w);
        return mapper.findById(w.id, LocalDate.now(clock));
    }

    /** Changes an entry; a new review date clears the flag. Of two maintainers saving one version, one wins. */
    @Transactional
    public KnowledgeEntry update(long id, Change change) {
        CurrentUser user = identity.current();
        Long agency = scope(user);
        LocalDate today = LocalDate.now(clock);
        KnowledgeEntry existing = mapper.findById(id, today);
        if (existing == null || (agency != null && existing.agencyId() != agency)) {
            throw ApiException.notFound("知识库条目 " + id);
        }
        if (change.version() == null) {
            throw ApiException.badParameter("version", "请提供条目的版本号");
        }
        KnowledgeMapper.Write w = checked(change, user, agency, existing.agencyId());
        w.id = id;
        w.version = change.version();
        if (mapper.update(w) == 0) {
            throw ApiException.conflict("CONCURRENT_CHANGE", "条目已被他人修改，请刷新后再改");
        }
        return mapper.findById(id, today);
    }

    /** null: every agency's entries (the centre); otherwise the clerk's own agency. */
    private static Long scope(CurrentUser user) {
        if (user.permissions().contains("hotline:dispatch")) {
            return null;
        }
        if (user.permissions().contains("hotline:handle") && user.agencyId() != null) {
            return user.agencyId();
        }
        throw ApiException.forbidden("没有维护知识库的权限");
    }

    /** {@code currentAgency}: the agency an existing entry keeps when the change names none. */
    private KnowledgeMapper.Write checked(Change c, CurrentUser user, Long ownAgency, Long currentAgency) {
        LocalDate today = LocalDate.now(clock);
        KnowledgeMapper.Write w = new KnowledgeMapper.Write();
        w.question = HotlineService.text("question", c.question(), MAX_QUESTION, true, "问题");
        w.answer = HotlineService.text("answer", c.answer(), MAX_ANSWER, true, "答案");
        w.keywords = HotlineService.text("keywords", c.keywords(), MAX_KEYWORDS, false, "关键词");
        w.classCode = c.classCode() == null || c.classCode().isBlank() ? null : reference.checkedClass("classCode", c.classCode()).code();
        if (ownAgency != null) {
            if (c.agencyId() != null && c.agencyId().longValue() != ownAgency) {
                throw ApiException.forbidden("只能维护本单位的知识库条目");
            }
            w.agencyId = ownAgency;
        } else {
            Long agency = c.agencyId() != null ? c.agencyId() : currentAgency;
            if (agency == null) {
                throw ApiException.badParameter("agencyId", "请选择负责该条目的单位");
            }
            w.agencyId = regions.agencyByIdIfExists(agency)
                    .orElseThrow(() -> ApiException.badParameter("agencyId", "单位不存在")).id();
        }
        if (c.reviewDate() == null || c.reviewDate().isBefore(today)) {
            throw ApiException.badParameter("reviewDate", "请填写不早于今天的复核日期");
        }
        if (c.validUntil() != null && c.validUntil().isBefore(today)) {
            throw ApiException.badParameter("validUntil", "有效期不能早于今天");
        }
        w.reviewDate = c.reviewDate();
        w.validUntil = c.validUntil();
        w.updatedBy = user.displayName() + (user.agencyName() == null ? "" : "（" + user.agencyName() + "）");
        w.at = LocalDateTime.now(clock);
        return w;
    }

    /** Flags each entry past its review date to its agency's clerks, once; answers how many were flagged. */
    int flagReviews(int batch) {
        int flagged = 0;
        for (KnowledgeEntry e : mapper.findUnflaggedReviews(LocalDate.now(clock), batch)) {
            if (mapper.flagReview(e.id()) == 1) {
                notifications.send(identity.staffOf(e.agencyId(), Role.ACCEPT), "12345 知识库条目待复核",
                        "知识库条目“" + e.question() + "”已过复核日期（" + e.reviewDate() + "），请核实答案后更新。", null);
                flagged++;
            }
        }
        return flagged;
    }
}
