package org.yiwang.application;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Service;
import org.yiwang.catalog.CatalogQuery;
import org.yiwang.catalog.CatalogService;
import org.yiwang.catalog.Item;
import org.yiwang.common.ApiException;
import org.yiwang.common.Paging;

/**
 * 热门事项 on the home page: the items most applied for in the last days, from real applications. Only while there
 * are none (a new installation) does it answer a fixed list of items that are the most applied for in any
 * province. Answers are kept a few minutes: the home page is the most visited and the order changes slowly.
 */
@Service
public class PopularItems {

    /** The fallback, by name as the catalogue spells them; each resolves to the catalogue's best match. */
    private static final List<String> EVERYDAY = List.of("食品经营许可", "公司设立登记", "个体工商户设立登记", "社会保障卡申领",
            "居住证", "不动产登记", "医师执业注册", "残疾人证");
    private static final Duration KEPT = Duration.ofMinutes(5);

    private final PopularItemsMapper mapper;
    private final CatalogService catalog;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    PopularItems(PopularItemsMapper mapper, CatalogService catalog, Clock clock) {
        this.mapper = mapper;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** {@code applications} is null for items of the fallback list. */
    public record Popular(String code, String name, String agencyName, String regionName, Long applications) {
    }

    /** {@code counted}: whether the list comes from the applications of the last {@code days} days. */
    public record Answer(int days, boolean counted, List<Popular> items) {
    }

    private record Cached(Instant at, Answer answer) {
    }

    public Answer popular(Integer days, Integer limit) {
        int d = days == null ? 30 : days;
        int n = limit == null ? 8 : limit;
        if (d < 1 || d > 365) {
            throw ApiException.badParameter("days", "days 须在 1 到 365 之间");
        }
        if (n < 1 || n > 20) {
            throw ApiException.badParameter("limit", "limit 须在 1 到 20 之间");
        }
        Instant now = clock.instant();
        Cached hit = cache.get(d + "/" + n);
        if (hit != null && hit.at().plus(KEPT).isAfter(now) && !hit.at().isAfter(now)) {
            return hit.answer();
        }
        Answer answer = counted(d, n);
        cache.put(d + "/" + n, new Cached(now, answer));
        return answer;
    }

    private Answer counted(int days, int limit) {
        List<Popular> items = new ArrayList<>();
        for (PopularItemsMapper.Count c : mapper.mostApplied(LocalDateTime.now(clock).minusDays(days), limit * 2)) {
            published(c.itemCode()).ifPresent(i -> items.add(popular(i, c.applications())));
            if (items.size() == limit) {
                break;
            }
        }
        if (!items.isEmpty()) {
            return new Answer(days, true, items);
        }
        Map<String, Popular> everyday = new LinkedHashMap<>();
        for (String name : EVERYDAY) {
            catalog.search(new CatalogQuery(name, null, null, null, null, null, null, null), Paging.of(1, 1)).items()
                    .stream().findFirst().ifPresent(i -> everyday.putIfAbsent(i.code(), popular(i, null)));
        }
        return new Answer(days, false, everyday.values().stream().limit(limit).toList());
    }

    /** An item applied for may since have been withdrawn from the catalogue (404): it is not offered then. */
    private java.util.Optional<Item> published(String code) {
        try {
            return java.util.Optional.of(catalog.item(code));
        } catch (ApiException e) {
            return java.util.Optional.empty();
        }
    }

    private static Popular popular(Item i, Long applications) {
        return new Popular(i.code(), i.name(), i.agencyName(), i.regionName(), applications);
    }
}
