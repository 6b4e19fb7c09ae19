package org.yiwang.catalog;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.yiwang.common.ApiException;
import org.yiwang.common.PageResult;
import org.yiwang.common.Paging;
import org.yiwang.region.RegionService;

@Service
public class CatalogService {

    private final CatalogMapper mapper;
    private final RegionService regions;
    private final FormService forms;
    private final ApplicationEventPublisher events;
    private volatile CatalogSearch search;
    private volatile LifeEventCounts lifeEvents;

    CatalogService(CatalogMapper mapper, RegionService regions, FormService forms, ApplicationEventPublisher events) {
        this.mapper = mapper;
        this.regions = regions;
        this.forms = forms;
        this.events = events;
    }

    /**
     * Published after the catalogue changed and the change is committed, so that other indexes (search/) follow it
     * without the catalogue knowing them.
     */
    public record Changed() {
    }

    record MaterialName(String basicCode, String name) {
    }

    /** Every published item, for indexes built beside the catalogue's own: the rows it already holds, not read again. */
    public List<Item> publishedItems() {
        return index().items();
    }

    /** The distinct material names of the published items, per basic code (基本编码). */
    public Map<String, List<String>> materialNamesByBasicCode() {
        Map<String, List<String>> names = new java.util.HashMap<>();
        for (MaterialName row : mapper.findPublishedMaterialNames()) {
            names.computeIfAbsent(row.basicCode(), k -> new java.util.ArrayList<>()).add(row.name());
        }
        return names;
    }

    public PageResult<Item> search(CatalogQuery query, Paging paging) {
        CatalogSearch.Page page = index().search(query.q(), filter(query), local(query.near()), paging.offset(), paging.size());
        return paging.result(page.items(), page.total());
    }

    /** One item's full guide; 404 for an unknown or unpublished code. */
    public ItemDetail get(String code) {
        Item item = item(code);
        return new ItemDetail(item, mapper.findMaterials(item.id()), forms.find(item.formKey(), item.formVersion()).orElse(null));
    }

    /**
     * Checks what an applicant filled in against the form the item binds (400 naming each bad field); an item
     * without a form takes any JSON object, as it always did.
     */
    public void checkFormData(Item item, Map<String, Object> formData) {
        checkFormData(item, formData, Set.of());
    }

    /** The same, leaving the fields named in {@code filledLater} possibly empty for now. */
    public void checkFormData(Item item, Map<String, Object> formData, Set<String> filledLater) {
        forms.find(item.formKey(), item.formVersion()).ifPresent(form -> forms.checkData(form, formData, filledLater));
    }

    /** The fields an applicant fills in for this item: its own form's, or the generic ones. */
    public List<FormDefinition.Field> formFields(Item item) {
        return forms.find(item.formKey(), item.formVersion()).map(FormDefinition::fields).orElse(FormService.GENERIC);
    }

    /** The item's application form as a PDF: blank (空白表格) or filled with plausible values (示例样表). */
    public byte[] applicationFormPdf(String code, boolean sample) {
        Item item = item(code);
        String title = forms.find(item.formKey(), item.formVersion()).map(FormDefinition::name)
                .orElse(item.name() + "申请表");
        return FormPdf.render(item, title, formFields(item), StandardForms.get().examples(), sample);
    }

    public Item item(String code) {
        Item item = code == null || code.length() > 40 ? null : mapper.findByCode(code);
        if (item == null || !"PUBLISHED".equals(item.status())) {
            throw ApiException.notFound("事项 " + code);
        }
        return item;
    }

    /** A published item of the region's subtree whose applications run this process, e.g. for a model's test run. */
    public java.util.Optional<String> itemCodeUsing(String processKey, String regionCode) {
        return java.util.Optional.ofNullable(mapper.findCodeByProcessKey(processKey, regionCode));
    }

    /** The region of the published item of this code, if there is one. */
    public java.util.Optional<String> itemRegion(String code) {
        Item item = code == null || code.length() > 40 ? null : mapper.findByCode(code);
        return item == null || !"PUBLISHED".equals(item.status()) ? java.util.Optional.empty()
                : java.util.Optional.of(item.regionCode());
    }

    /** The published implementations of one catalogue entry (基本编码) in every place, e.g. to compose a bundle of them. */
    public List<Item> implementations(String basicCode) {
        return basicCode == null ? List.of() : index().items().stream().filter(i -> basicCode.equals(i.basicCode())).toList();
    }

    public List<Material> materials(Item item) {
        return mapper.findMaterials(item.id());
    }

    /** Life events with how many published items belong to each; counted once per catalogue version. */
    public List<Map<String, Object>> lifeEvents() {
        CatalogSearch s = index();
        LifeEventCounts counts = lifeEvents;
        if (counts == null || counts.index() != s) {
            List<Map<String, Object>> events = new java.util.ArrayList<>();
            for (LifeEvents.Event e : LifeEvents.ALL) {
                long count = s.search(null, i -> LifeEvents.matches(e.code(), i.name()), i -> true, 0, 0).total();
                events.add(Map.of("code", e.code(), "name", e.name(), "count", count));
            }
            counts = new LifeEventCounts(s, List.copyOf(events));
            lifeEvents = counts;
        }
        return counts.events();
    }

    /** The life events (code and name) an item of this name belongs to, for grouping search results by theme. */
    public List<Map<String, String>> lifeEventsOf(String itemName) {
        return LifeEvents.ALL.stream().filter(e -> e.words().stream().anyMatch(itemName::contains))
                .map(e -> Map.of("code", e.code(), "name", e.name())).toList();
    }

    private record LifeEventCounts(CatalogSearch index, List<Map<String, Object>> events) {
    }

    /** How many matches each item type and level has, for grouping the results. */
    public record Facets(Map<Integer, Long> byType, Map<String, Long> byLevel) {
    }

    public Facets facets(CatalogQuery query) {
        Map<Integer, Long> byType = new java.util.TreeMap<>();
        Map<String, Long> byLevel = new java.util.LinkedHashMap<>();
        for (org.yiwang.region.ServiceLevel level : org.yiwang.region.ServiceLevel.values()) {
            byLevel.put(level.name(), 0L);
        }
        Predicate<Item> filter = filter(query);
        index().search(query.q(), i -> {
            if (filter.test(i)) {
                byType.merge(i.type(), 1L, Long::sum);
                byLevel.merge(i.level().name(), 1L, Long::sum);
            }
            return false;
        }, i -> true, 0, 0);
        return new Facets(byType, byLevel);
    }

    /** Items implemented at the place or above it: its village, township, county, city and the province. */
    private Predicate<Item> local(String near) {
        if (near == null || near.isBlank()) {
            return i -> true;
        }
        String place = regions.checkedCode("near", near);
        if (regions.find(place).isEmpty()) {
            throw ApiException.badParameter("near", "行政区划 " + place + " 不存在");
        }
        return i -> place.startsWith(i.regionCode());
    }

    /** Rebuilds the search index after the catalogue changed. */
    public void refresh() {
        search = new CatalogSearch(mapper.findAllPublished());
        events.publishEvent(new Changed());
    }

    private CatalogSearch index() {
        CatalogSearch s = search;
        if (s == null) {
            synchronized (this) {
                if (search == null) {
                    refresh();
                }
                s = search;
            }
        }
        return s;
    }

    private Predicate<Item> filter(CatalogQuery q) {
        Predicate<Item> filter = item -> true;
        if (q.q() != null && q.q().length() > 100) {
            throw ApiException.badParameter("q", "搜索词不能超过 100 个字符");
        }
        if (q.level() != null) {
            filter = filter.and(i -> i.level() == q.level());
        }
        if (q.type() != null) {
            if (!ItemType.isKnown(q.type())) {
                throw ApiException.badParameter("type", "事项类型须为 1、5、7、8、9、10 或 20");
            }
            filter = filter.and(i -> i.type() == q.type());
        }
        if (q.regionCode() != null && !q.regionCode().isEmpty()) {
            String region = regions.checkedCode("regionCode", q.regionCode());
            if (regions.find(region).isEmpty()) {
                throw ApiException.badParameter("regionCode", "行政区划 " + region + " 不存在");
            }
            // Division codes nest by prefix (46 → 4601 → 460105 → 460105001 → 460105001001).
            filter = filter.and(i -> i.regionCode().startsWith(region));
        }
        if (q.event() != null && !q.event().isEmpty()) {
            if (!LifeEvents.known(q.event())) {
                throw ApiException.badParameter("event", "未知的主题 " + q.event());
            }
            filter = filter.and(i -> LifeEvents.matches(q.event(), i.name()));
        }
        if (q.agencyId() != null) {
            filter = filter.and(i -> i.agencyId() == q.agencyId());
        }
        if (q.audience() != null && !q.audience().isEmpty()) {
            if (!q.audience().equals("NATURAL_PERSON") && !q.audience().equals("LEGAL_PERSON")) {
                throw ApiException.badParameter("audience", "服务对象须为 NATURAL_PERSON 或 LEGAL_PERSON");
            }
            filter = filter.and(i -> i.audience().equals("BOTH") || i.audience().equals(q.audience()));
        }
        return filter;
    }
}
