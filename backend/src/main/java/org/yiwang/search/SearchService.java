package org.yiwang.search;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.yiwang.application.ApplicationService;
import org.yiwang.catalog.CatalogService;
import org.yiwang.catalog.Item;
import org.yiwang.catalog.Pinyin;
import org.yiwang.common.ApiException;
import org.yiwang.common.Paging;
import org.yiwang.identity.IdentityService;
import org.yiwang.region.RegionService;

import jakarta.annotation.PreDestroy;

/**
 * Search as a service (搜索即服务): one result per catalogue entry with the places that offer it, the caller's own
 * place first. The index lives in this node's memory, is built from the database at start and rebuilt after every
 * committed catalogue change, so that each node of several keeps its own current.
 */
@Service
public class SearchService {

    private static final Logger log = LoggerFactory.getLogger(SearchService.class);
    static final int MAX_QUERY = 100;
    /** Entries considered for one page; results beyond them are not worth paging to. */
    private static final int WINDOW = 200;
    /** Places listed per result; the total is given beside them. */
    private static final int PLACES = 5;

    private final CatalogService catalog;
    private final ApplicationService applications;
    private final RegionService regions;
    private final IdentityService identity;
    private final SearchMapper mapper;
    private final Clock clock;
    private final ExecutorService rebuilder = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "search-index");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean rebuildQueued = new AtomicBoolean();
    private volatile SearchIndex index;
    private volatile List<Synonym> synonyms;

    SearchService(CatalogService catalog, ApplicationService applications, RegionService regions, IdentityService identity,
            SearchMapper mapper, Clock clock) {
        this.catalog = catalog;
        this.applications = applications;
        this.regions = regions;
        this.identity = identity;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** A place that offers the item: its own code there, to open its guide or apply. */
    public record Place(String code, String regionCode, String regionName, String agencyName) {
    }

    /** One catalogue entry as a result: what an applicant needs to decide, and where they can get it done. */
    public record Result(String basicCode, String code, String name, String typeName, String agencyName, String regionName,
            String audience, int promisedLimitDays, int legalLimitDays, String fee, int visits, int onlineDepth,
            int materialsCount, long applications, boolean local, List<Place> places, int placesTotal) {
    }

    /**
     * Results with the synonym words the query was widened by, a spelling to try when nothing was found, and the life
     * events (主题) most of the first results belong to, the second group of the results page.
     */
    public record Answer(List<Result> items, long total, int page, int size, List<String> expandedWith, String didYouMean,
            List<Theme> lifeEvents) {
    }

    /** A life event the results lead to, with how many of the first results belong to it. */
    public record Theme(String code, String name, int matches) {
    }

    /** Life events shown beside the results: those at least two of the first results belong to, at most three. */
    private static final int THEME_WINDOW = 20;
    private static final int THEMES = 3;

    @EventListener(ApplicationReadyEvent.class)
    void buildAtStart() {
        rebuild();
    }

    /** The catalogue changed and the change is committed: rebuild, once for a burst of changes, off the caller's thread. */
    @EventListener
    void catalogChanged(CatalogService.Changed changed) {
        if (rebuildQueued.compareAndSet(false, true)) {
            rebuilder.execute(() -> {
                rebuildQueued.set(false);
                rebuild();
            });
        }
    }

    @PreDestroy
    void stop() {
        rebuilder.shutdownNow();
    }

    synchronized void rebuild() {
        long started = System.nanoTime();
        Map<String, Long> counts = new HashMap<>();
        applications.submittedPerBasicCode().forEach(c -> counts.put(c.basicCode(), c.applications()));
        SearchIndex fresh = new SearchIndex(catalog.publishedItems(), catalog.materialNamesByBasicCode(), counts);
        synonyms = mapper.findSynonyms();
        index = fresh;
        log.info("search index built: {} catalogue entries in {} ms", fresh.size(), (System.nanoTime() - started) / 1_000_000);
    }

    SearchIndex index() {
        SearchIndex i = index;
        if (i == null) {
            rebuild();
            i = index;
        }
        return i;
    }

    void synonymsChanged() {
        synonyms = mapper.findSynonyms();
    }

    /** Searches; a query that finds nothing is logged for administrators to add a synonym for. */
    public Answer search(String q, String regionCode, String audience, Paging paging) {
        String query = checkedQuery(q);
        String place = place(regionCode);
        List<String> expansions = expansions(query);
        List<SearchIndex.Hit> hits = index().search(query, expansions, WINDOW);
        if (audience != null && !audience.isBlank()) {
            hits = forAudience(hits, audience);
        }
        if (hits.isEmpty()) {
            logMiss(query);
        }
        int from = Math.min(paging.offset(), hits.size());
        List<Result> page = hits.subList(from, Math.min(from + paging.size(), hits.size())).stream()
                .map(h -> result(h.entry(), place)).toList();
        String didYouMean = hits.isEmpty() ? didYouMean(query) : null;
        return new Answer(page, hits.size(), paging.page(), paging.size(), expansions, didYouMean, themes(hits));
    }

    /** Entries that offer the item to this audience somewhere (an item for both serves either). */
    private static List<SearchIndex.Hit> forAudience(List<SearchIndex.Hit> hits, String audience) {
        if (!audience.equals("NATURAL_PERSON") && !audience.equals("LEGAL_PERSON")) {
            throw ApiException.badParameter("audience", "服务对象须为 NATURAL_PERSON 或 LEGAL_PERSON");
        }
        return hits.stream().filter(h -> h.entry().places().stream()
                .anyMatch(i -> i.audience().equals("BOTH") || i.audience().equals(audience))).toList();
    }

    private List<Theme> themes(List<SearchIndex.Hit> hits) {
        Map<String, String> names = new HashMap<>();
        Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        for (SearchIndex.Hit h : hits.subList(0, Math.min(THEME_WINDOW, hits.size()))) {
            for (Map<String, String> e : catalog.lifeEventsOf(h.entry().name())) {
                names.put(e.get("code"), e.get("name"));
                counts.merge(e.get("code"), 1, Integer::sum);
            }
        }
        return counts.entrySet().stream().filter(e -> e.getValue() >= 2)
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(THEMES)
                .map(e -> new Theme(e.getKey(), names.get(e.getKey()), e.getValue())).toList();
    }

    /** Entries for a question, best first, with the expansions used (for the assistant). */
    public List<Scored> best(String text, String regionCode, int limit) {
        List<String> expansions = expansions(text);
        return index().search(text, expansions, limit).stream().map(h -> new Scored(result(h.entry(), regionCode), h.score(),
                !expansions.isEmpty())).toList();
    }

    /** A result with its relevance, and whether a synonym led to it. */
    public record Scored(Result result, float score, boolean bySynonym) {
    }

    /** The entries of these exact names (for the assistant's curated answers), in the order given; unknown names are left out. */
    public List<Result> byNames(List<String> names, String regionCode) {
        SearchIndex i = index();
        return names.stream().map(i::named).filter(java.util.Objects::nonNull).distinct().map(e -> result(e, regionCode)).toList();
    }

    /** Names to complete what is being typed. */
    public List<String> suggest(String q) {
        String query = checkedQuery(q);
        return index().search(query, expansions(query), 8).stream().map(h -> h.entry().name()).toList();
    }

    private static String checkedQuery(String q) {
        if (q == null || q.isBlank()) {
            throw ApiException.badParameter("q", "请输入搜索词");
        }
        if (q.length() > MAX_QUERY) {
            throw ApiException.badParameter("q", "搜索词不能超过 " + MAX_QUERY + " 个字符");
        }
        return q.trim();
    }

    /** The caller's chosen place, else the region of their account, else none (the province's view). */
    String place(String regionCode) {
        if (regionCode != null && !regionCode.isBlank()) {
            String code = regions.checkedCode("regionCode", regionCode);
            if (regions.find(code).isEmpty()) {
                throw ApiException.badParameter("regionCode", "行政区划 " + code + " 不存在");
            }
            return code;
        }
        try {
            return identity.current().regionCode();
        } catch (ApiException notLoggedIn) {
            return null;
        }
    }

    /** The expansions of every synonym term the query contains, or whose pinyin or initials the query is (shebaoka → 社保卡). */
    List<String> expansions(String query) {
        String lower = query.toLowerCase(Locale.ROOT);
        boolean ascii = lower.chars().allMatch(c -> c < 128);
        List<String> found = new ArrayList<>();
        for (Synonym s : synonyms()) {
            String term = s.term().toLowerCase(Locale.ROOT);
            boolean spelled = false;
            if (ascii && lower.length() >= 2) {
                Pinyin.Spelling spelling = Pinyin.of(term);
                spelled = lower.equals(spelling.full()) || lower.equals(spelling.initials()) && lower.length() >= 3;
            }
            if (spelled || lower.contains(term)) {
                found.add(s.expansion());
            }
        }
        return found;
    }

    List<Synonym> synonyms() {
        List<Synonym> s = synonyms;
        if (s == null) {
            s = mapper.findSynonyms();
            synonyms = s;
        }
        return s;
    }

    private String didYouMean(String query) {
        // The query less its last character, then its longest run of Chinese characters: what a typo left usable.
        for (String shorter : List.of(query.substring(0, Math.max(0, query.length() - 1)), query.replaceAll("[^\\p{IsHan}]", ""))) {
            if (shorter.length() >= 2 && !shorter.equals(query)) {
                List<SearchIndex.Hit> hits = index().search(shorter, expansions(shorter), 1);
                if (!hits.isEmpty()) {
                    return hits.get(0).entry().name();
                }
            }
        }
        return null;
    }

    private void logMiss(String query) {
        LocalDateTime now = LocalDateTime.now(clock);
        try {
            if (mapper.countMiss(query, now) == 0) {
                mapper.insertMiss(query, now);
            }
        } catch (DuplicateKeyException raced) {
            mapper.countMiss(query, now);
        }
    }

    private static final int FAR = 100;

    /** Lower is nearer: above or at the place by how specific, then within it, then elsewhere. */
    private static int nearness(String region, String place) {
        if (place == null) {
            return FAR;
        }
        return place.startsWith(region) ? -region.length() : region.startsWith(place) ? 0 : FAR;
    }

    private Result result(SearchIndex.Entry e, String place) {
        List<Item> places = new ArrayList<>(e.places());
        // The caller's own implementation first: the most specific place that contains theirs, then places within
        // theirs (a district's townships), then the rest by code.
        places.sort(Comparator.comparingInt((Item i) -> nearness(i.regionCode(), place)).thenComparing(Item::regionCode));
        Item best = places.get(0);
        boolean local = place == null || nearness(best.regionCode(), place) < FAR;
        return new Result(e.basicCode(), best.code(), best.name(), best.typeName(), best.agencyName(), best.regionName(),
                best.audience(), best.promisedLimitDays(), best.legalLimitDays(), best.fee(), best.visits(), best.onlineDepth(),
                e.materials().size(), e.applications(), local,
                places.stream().limit(PLACES).map(i -> new Place(i.code(), i.regionCode(), i.regionName(), i.agencyName())).toList(),
                places.size());
    }
}
