package org.yiwang.hotline;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.yiwang.common.ApiException;
import org.yiwang.common.PageResult;
import org.yiwang.common.Paging;
import org.yiwang.common.ReferenceData;
import org.yiwang.identity.CurrentUser;
import org.yiwang.identity.IdentityService;
import org.yiwang.identity.Role;
import org.yiwang.region.Agency;
import org.yiwang.region.Region;
import org.yiwang.region.RegionService;

/**
 * The classification (sql/reference/hotline/classification.csv, loaded once into the database at start-up) and
 * the duty list (职责清单) derived from it, which administrators then maintain.
 */
@Component
class HotlineReference {

    private static final Logger log = LoggerFactory.getLogger(HotlineReference.class);

    private final HotlineMapper mapper;
    private final RegionService regions;
    private final IdentityService identity;
    private final Clock clock;
    private volatile Map<String, HotlineMapper.ClassRow> classes = Map.of();

    HotlineReference(HotlineMapper mapper, RegionService regions, IdentityService identity, Clock clock) {
        this.mapper = mapper;
        this.regions = regions;
        this.identity = identity;
        this.clock = clock;
    }

    /** Idempotent, and safe when several nodes start together: a row another node wrote first is skipped. */
    @EventListener(ApplicationReadyEvent.class)
    @Order(1)
    @Transactional
    public void load() {
        Map<String, HotlineMapper.ClassRow> stored = new LinkedHashMap<>();
        mapper.findClasses().forEach(c -> stored.put(c.code(), c));
        for (Map<String, String> row : ReferenceData.csv("hotline/classification.csv")) {
            String code = row.get("code");
            if (stored.containsKey(code)) {
                continue;
            }
            int level = Integer.parseInt(row.get("level"));
            String parent = level == 1 ? null : level == 2 ? code.substring(0, 2) + "0000" : code.substring(0, 4) + "00";
            HotlineMapper.ClassRow c = new HotlineMapper.ClassRow(code, row.get("name"), level, parent,
                    blankToNull(row.get("departmentCode")), blankToNull(row.get("provincialUnit")));
            try {
                mapper.insertClass(c);
            } catch (DuplicateKeyException e) {
                log.debug("class {} was loaded by another node", code);
            }
        }
        try {
            int duties = mapper.insertDefaultDuties(LocalDateTime.now(clock));
            if (duties > 0) {
                log.info("12345 duty list: {} default rows derived from the classification", duties);
            }
        } catch (DuplicateKeyException e) {
            log.debug("the default duty list was derived by another node");
        }
        Map<String, HotlineMapper.ClassRow> all = new LinkedHashMap<>();
        mapper.findClasses().forEach(c -> all.put(c.code(), c));
        classes = Map.copyOf(all);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    List<HotlineMapper.ClassRow> classes() {
        return classes.values().stream().sorted(java.util.Comparator.comparing(HotlineMapper.ClassRow::code)).toList();
    }

    List<HotlineMapper.ClassRow> topClasses() {
        return classes().stream().filter(c -> c.level() == 1).toList();
    }

    Optional<HotlineMapper.ClassRow> findClass(String code) {
        return Optional.ofNullable(code == null ? null : classes.get(code.trim()));
    }

    HotlineMapper.ClassRow checkedClass(String parameter, String code) {
        if (code == null || code.isBlank()) {
            throw ApiException.badParameter(parameter, "请选择诉求分类");
        }
        return findClass(code).orElseThrow(() -> ApiException.badParameter(parameter, "未知的诉求分类：" + code));
    }

    /** The top class of a code (its first two digits). */
    static String topOf(String code) {
        return code.substring(0, 2) + "0000";
    }

    /**
     * The agency the duty list names for a class and a region: the most specific class (item, subclass, class) and
     * the nearest region upwards from the ticket's region.
     */
    Optional<TicketView.Suggestion> suggest(String classCode, String regionCode) {
        List<Region> path = regions.path(regionCode);
        List<String> codes = List.of(classCode, classCode.substring(0, 4) + "00", topOf(classCode));
        for (int i = path.size() - 1; i >= 0; i--) {
            for (String c : codes) {
                HotlineMapper.Duty d = mapper.findDuty(c, path.get(i).code());
                if (d != null) {
                    return Optional.of(new TicketView.Suggestion(d.agencyId(), d.agencyName(), d.regionCode()));
                }
            }
        }
        return Optional.empty();
    }

    /** A known region's code; 400 otherwise. */
    String checkedRegion(String parameter, String code) {
        regions.checkedCode(parameter, code);
        return regions.find(code).map(Region::code)
                .orElseThrow(() -> ApiException.badParameter(parameter, "未知的行政区划：" + code));
    }

    String regionName(String code) {
        return regions.find(code).map(Region::name).orElse(code);
    }

    /** The deepest 市县区 whose full name the free-text address names, else the province. */
    String regionOfAddress(String address) {
        if (address != null) {
            for (Region city : regions.children(RegionService.PROVINCE)) {
                for (Region county : regions.children(city.code())) {
                    if (address.contains(county.name())) {
                        return county.code();
                    }
                }
                if (address.contains(city.name())) {
                    return city.code();
                }
            }
        }
        return RegionService.PROVINCE;
    }

    PageResult<HotlineMapper.Duty> duties(String classCode, String regionCode, Paging paging) {
        String c = blankToNull(classCode);
        String r = blankToNull(regionCode);
        return paging.result(mapper.findDuties(c, r, paging.offset(), paging.size()), mapper.countDuties(c, r));
    }

    record DutyChange(String classCode, String regionCode, Long agencyId) {
    }

    /** An administrator names the agency responsible for a class in a region of their own subtree. */
    @Transactional
    HotlineMapper.Duty putDuty(DutyChange change) {
        CurrentUser admin = identity.current();
        HotlineMapper.ClassRow c = checkedClass("classCode", change.classCode());
        String region = checkedRegion("regionCode", change.regionCode());
        if (!regions.isWithin(region, admin.regionCode())) {
            throw ApiException.forbidden("只能维护本辖区的职责清单");
        }
        if (change.agencyId() == null) {
            throw ApiException.badParameter("agencyId", "请选择承办单位");
        }
        Agency agency = regions.agencyByIdIfExists(change.agencyId())
                .orElseThrow(() -> ApiException.badParameter("agencyId", "承办单位不存在"));
        if (!regions.isWithin(agency.regionCode(), region) && !regions.isWithin(region, agency.regionCode())) {
            throw ApiException.badParameter("agencyId", "承办单位须在该区域或其上级区域");
        }
        LocalDateTime now = LocalDateTime.now(clock);
        if (mapper.updateDuty(c.code(), region, agency.id(), now) == 0) {
            try {
                mapper.insertDuty(c.code(), region, agency.id(), now);
            } catch (DuplicateKeyException e) {
                mapper.updateDuty(c.code(), region, agency.id(), now);
            }
        }
        return mapper.findDuty(c.code(), region);
    }

    /** The 12345 centre's dispatchers, who hear of returns, extension requests and overdue tickets. */
    List<Long> centreDispatchers() {
        return regions.agencyByCode(TicketLifecycle.CENTRE).map(centre -> identity.staffOf(centre.id(), Role.HOTLINE_DISPATCHER))
                .orElse(List.of());
    }
}
