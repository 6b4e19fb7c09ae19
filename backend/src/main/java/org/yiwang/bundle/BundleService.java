package org.yiwang.bundle;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yiwang.catalog.CatalogService;
import org.yiwang.catalog.FormDefinition;
import org.yiwang.catalog.Item;
import org.yiwang.catalog.ItemDetail;
import org.yiwang.catalog.Material;
import org.yiwang.common.ApiException;
import org.yiwang.identity.CurrentUser;
import org.yiwang.identity.IdentityService;
import org.yiwang.license.LicenseService;
import org.yiwang.region.RegionService;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Bundles (一件事) as the public sees them, resolved against the catalogue, and as administrators save them. */
@Service
public class BundleService {

    private final BundleMapper mapper;
    private final CatalogService catalog;
    private final RegionService regions;
    private final IdentityService identity;
    private final ObjectMapper json;
    private final Clock clock;

    BundleService(BundleMapper mapper, CatalogService catalog, RegionService regions, IdentityService identity,
            ObjectMapper json, Clock clock) {
        this.mapper = mapper;
        this.catalog = catalog;
        this.regions = regions;
        this.identity = identity;
        this.json = json;
        this.clock = clock;
    }

    /** An item of a bundle as the list shows it. */
    public record ItemRef(String basicCode, String name, int type, String typeName, boolean optional, List<String> after) {
    }

    public record Summary(String code, String name, String summary, String audience, int version, List<ItemRef> items,
            int questionCount) {
    }

    /** One item resolved in a place: the implementation that handles it there, with its agency and materials. */
    public record ResolvedItem(String basicCode, String itemCode, String name, String agencyName, String regionName,
            int promisedLimitDays, boolean optional, BundleDefinition.When when, List<BundleDefinition.After> after) {
    }

    /** A material of the merged list: asked once for every item that needs it, or given by an earlier item's licence. */
    public record MergedMaterial(String name, boolean required, List<String> items, String providedBy) {
    }

    public record Detail(String code, String name, String summary, String audience, String onRefusal, int version,
            String regionCode, List<BundleDefinition.Question> questions, List<ResolvedItem> items,
            List<BundleDefinition.Field> fields, List<MergedMaterial> materials, List<String> unavailable) {
    }

    public List<Summary> list() {
        return mapper.findBundles().stream().map(row -> {
            BundleDefinition d = parse(row.definition());
            List<ItemRef> items = d.items().stream().map(e -> {
                Item any = implementations(e.basicCode()).stream().findFirst().orElse(null);
                return new ItemRef(e.basicCode(), any == null ? null : any.name(), any == null ? 0 : any.type(),
                        any == null ? null : any.typeName(), e.optional(),
                        e.afterOrEmpty().stream().map(BundleDefinition.After::basicCode).toList());
            }).toList();
            return new Summary(row.code(), row.name(), d.summary(), d.audience(), row.version(), items,
                    d.questions() == null ? 0 : d.questions().size());
        }).toList();
    }

    /**
     * The bundle's guide: questions, merged form and, in a place (default: the province), the items that handle
     * it there with one merged material list; items with no implementation there are named in {@code unavailable}.
     */
    public Detail detail(String code, String regionCode) {
        BundleMapper.BundleRow row = row(code);
        BundleDefinition d = parse(row.definition());
        String region = regionCode == null || regionCode.isBlank() ? RegionService.PROVINCE
                : regions.existing("regionCode", regionCode).code();
        List<ResolvedItem> items = new ArrayList<>();
        List<String> unavailable = new ArrayList<>();
        Map<String, ItemDetail> details = new LinkedHashMap<>();
        for (BundleDefinition.Entry e : d.items()) {
            Optional<Item> item = implementationIn(e.basicCode(), region);
            if (item.isEmpty()) {
                unavailable.add(e.basicCode());
                continue;
            }
            Item i = item.get();
            details.put(e.basicCode(), catalog.get(i.code()));
            items.add(new ResolvedItem(e.basicCode(), i.code(), i.name(), i.agencyName(), i.regionName(), i.promisedLimitDays(),
                    e.optional(), e.when(), e.afterOrEmpty()));
        }
        return new Detail(row.code(), row.name(), d.summary(), d.audience(), d.onRefusal(), row.version(), region,
                d.questions(), items, d.fields(), merged(d.items(), details), unavailable);
    }

    /**
     * One list of materials for the chosen items: a material of the same name is asked once; one an earlier item's
     * licence stands for in every item that needs it is not asked at all.
     */
    static List<MergedMaterial> merged(List<BundleDefinition.Entry> chosen, Map<String, ItemDetail> details) {
        Map<String, List<String>> needing = new LinkedHashMap<>();
        Map<String, Boolean> required = new LinkedHashMap<>();
        Map<String, List<String>> byLicence = new LinkedHashMap<>();
        for (BundleDefinition.Entry e : chosen) {
            ItemDetail detail = details.get(e.basicCode());
            if (detail == null) {
                continue;
            }
            for (Material m : detail.materials()) {
                needing.computeIfAbsent(m.name(), k -> new ArrayList<>()).add(e.basicCode());
                required.merge(m.name(), m.required(), Boolean::logicalOr);
                licenceFor(e, m, details).ifPresent(from -> byLicence.computeIfAbsent(m.name(), k -> new ArrayList<>())
                        .add(from));
            }
        }
        return needing.entrySet().stream().map(n -> {
            List<String> from = byLicence.getOrDefault(n.getKey(), List.of());
            String providedBy = from.size() == n.getValue().size() ? from.get(0) : null;
            return new MergedMaterial(n.getKey(), required.get(n.getKey()), n.getValue(), providedBy);
        }).toList();
    }

    /** The earlier chosen item whose licence stands for this material of this item, if the bundle says one does. */
    static Optional<String> licenceFor(BundleDefinition.Entry e, Material m, Map<String, ItemDetail> chosenDetails) {
        return e.afterOrEmpty().stream()
                .filter(a -> chosenDetails.containsKey(a.basicCode()) && m.name().equals(a.material()))
                .map(BundleDefinition.After::basicCode).findFirst();
    }

    /** Creates or replaces a bundle, refused with every reason when it does not hold together. */
    @Transactional
    public Detail save(String code, BundleDefinition definition, Integer expectedVersion) {
        CurrentUser admin = identity.current();
        if (!RegionService.PROVINCE.equals(admin.regionCode())) {
            throw ApiException.forbidden("一件事由省级事项管理员配置");
        }
        if (definition == null) {
            throw ApiException.badRequest("BUNDLE_INVALID", "请提交一件事的配置");
        }
        if (definition.code() != null && !definition.code().equals(code)) {
            throw ApiException.badParameter("code", "请求体中的编码与路径不一致");
        }
        BundleDefinition d = new BundleDefinition(code, definition.name(), definition.summary(), definition.audience(),
                definition.onRefusal(), definition.questions(), definition.items(), definition.fields());
        List<ApiException.FieldProblem> problems = problemsOf(d);
        if (!problems.isEmpty()) {
            throw ApiException.invalidFields("BUNDLE_INVALID", "一件事配置有误", problems);
        }
        String text = write(d);
        LocalDateTime now = LocalDateTime.now(clock);
        BundleMapper.BundleRow existing = mapper.findBundle(code);
        if (existing == null) {
            mapper.insertBundle(code, d.name(), text, admin.username(), now);
        } else {
            if (expectedVersion == null) {
                throw ApiException.badParameter("version", "修改已有的一件事须带上当前版本号 version");
            }
            if (mapper.updateBundle(code, d.name(), text, expectedVersion, admin.username(), now) == 0) {
                throw ApiException.conflict("CONCURRENT_UPDATE", "一件事已被他人修改，请刷新后重试");
            }
        }
        return detail(code, null);
    }

    /** Every reason the definition does not hold together against today's catalogue; empty when it does. */
    List<ApiException.FieldProblem> problemsOf(BundleDefinition d) {
        return d.problems(new BundleDefinition.Catalogue() {
            @Override
            public boolean published(String basicCode) {
                return !implementations(basicCode).isEmpty();
            }

            @Override
            public List<List<FormDefinition.Field>> forms(String basicCode) {
                return formsOf(basicCode);
            }

            @Override
            public String licenceKind(String basicCode) {
                return BundleService.this.licenceKind(basicCode);
            }
        });
    }

    // ---- for bundle cases ------------------------------------------------------------------------------------

    BundleMapper.BundleRow row(String code) {
        BundleMapper.BundleRow row = code == null || code.length() > 40 ? null : mapper.findBundle(code);
        if (row == null) {
            throw ApiException.notFound("一件事 " + code);
        }
        return row;
    }

    BundleDefinition parse(String definition) {
        try {
            return json.readValue(definition, BundleDefinition.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored bundle definition is not JSON", e);
        }
    }

    /** The implementation that handles a catalogue entry in a place: the nearest one at or above it. */
    Optional<Item> implementationIn(String basicCode, String regionCode) {
        return implementations(basicCode).stream().filter(i -> regions.isWithin(regionCode, i.regionCode()))
                .max(Comparator.comparingInt(i -> i.regionCode().length()));
    }

    private List<Item> implementations(String basicCode) {
        return catalog.implementations(basicCode);
    }

    /**
     * The fields of each distinct form the entry's implementations bind; the generic form only when none binds one
     * (an implementation without a form, like the provincial 公共场所卫生许可, takes any fields).
     */
    List<List<FormDefinition.Field>> formsOf(String basicCode) {
        List<Item> items = implementations(basicCode);
        List<Item> bound = items.stream().filter(i -> i.formKey() != null).toList();
        return (bound.isEmpty() ? items : bound).stream().map(catalog::formFields).distinct().toList();
    }

    /** The certificate the entry's items issue (营业执照 …), or null. */
    String licenceKind(String basicCode) {
        return implementations(basicCode).stream().map(i -> LicenseService.kindOf(i.name())).filter(java.util.Objects::nonNull)
                .findFirst().orElse(null);
    }

    private String write(BundleDefinition d) {
        try {
            String text = json.writeValueAsString(d);
            // The column holds 64 KB in MariaDB; Chinese text takes three bytes a character.
            if (text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 60_000) {
                throw new ApiException(HttpStatus.BAD_REQUEST, "BUNDLE_INVALID", "一件事配置过大", null);
            }
            return text;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
