package org.yiwang.region;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.stereotype.Service;
import org.yiwang.common.ApiException;

/**
 * The division tree and its agencies. Divisions are reference data that change only with a migration,
 * so the whole tree (3,571 rows) is held in memory.
 */
@Service
public class RegionService {

    public static final String PROVINCE = "46";
    private static final Pattern CODE = Pattern.compile("\\d{2}|\\d{4}|\\d{6}|\\d{9}|\\d{12}");

    private final RegionMapper mapper;
    private volatile Tree tree;

    RegionService(RegionMapper mapper) {
        this.mapper = mapper;
    }

    private record Tree(Map<String, Region> byCode, Map<String, List<Region>> children) {
    }

    private Tree tree() {
        Tree t = tree;
        if (t == null) {
            synchronized (this) {
                if (tree == null) {
                    Map<String, Region> byCode = new LinkedHashMap<>();
                    Map<String, List<Region>> children = new HashMap<>();
                    for (Region r : mapper.findAllRegions()) {
                        byCode.put(r.code(), r);
                        if (r.parentCode() != null) {
                            children.computeIfAbsent(r.parentCode(), k -> new ArrayList<>()).add(r);
                        }
                    }
                    tree = new Tree(byCode, children);
                }
                t = tree;
            }
        }
        return t;
    }

    /** The region with this code; 400 for a malformed code, 404 for an unknown one. */
    public Region get(String code) {
        return find(checkedCode("code", code)).orElseThrow(() -> ApiException.notFound("行政区划 " + code));
    }

    public Optional<Region> find(String code) {
        return Optional.ofNullable(code == null ? null : tree().byCode().get(code));
    }

    public List<Region> children(String code) {
        get(code);
        return Collections.unmodifiableList(tree().children().getOrDefault(code, List.of()));
    }

    /** Whether {@code code} is {@code ancestor} or lies below it in the division tree. */
    public boolean isWithin(String code, String ancestor) {
        for (Region r = tree().byCode().get(code); r != null; r = r.parentCode() == null ? null : tree().byCode().get(r.parentCode())) {
            if (r.code().equals(ancestor)) {
                return true;
            }
        }
        return false;
    }

    /** The chain from the province down to this region. */
    public List<Region> path(String code) {
        List<Region> path = new ArrayList<>();
        for (Region r = tree().byCode().get(code); r != null; r = r.parentCode() == null ? null : tree().byCode().get(r.parentCode())) {
            path.add(0, r);
        }
        return path;
    }

    /** Validates a region code parameter: 2, 4, 6, 9 or 12 digits of a known region. */
    public String checkedCode(String parameter, String code) {
        if (code == null || !CODE.matcher(code).matches()) {
            throw ApiException.badParameter(parameter, "行政区划代码须为 2、4、6、9 或 12 位数字");
        }
        return code;
    }

    /** A region code parameter that names an existing region: 400 naming the parameter otherwise. */
    public Region existing(String parameter, String code) {
        return find(checkedCode(parameter, code))
                .orElseThrow(() -> ApiException.badParameter(parameter, "行政区划 " + code + " 不存在"));
    }

    public Agency agency(long id) {
        Agency agency = mapper.findAgency(id);
        if (agency == null) {
            throw ApiException.notFound("实施主体 " + id);
        }
        return agency;
    }

    public Optional<Agency> agencyByIdIfExists(long id) {
        return Optional.ofNullable(mapper.findAgency(id));
    }

    public Optional<Agency> agencyByCode(String code) {
        return Optional.ofNullable(mapper.findAgencyByCode(code));
    }

    public List<Agency> agenciesIn(String regionCode) {
        return mapper.findAgenciesInRegion(regionCode);
    }
}
