package org.yiwang.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.yiwang.region.ServiceLevel;

class CatalogGeneratorTest {

    private static List<CatalogGenerator.Item> generate() {
        Map<String, String> provincialUnits = CatalogDataMigration.column("agencies/hainan-provincial-units.csv", "name")
                .stream().collect(Collectors.toMap(Function.identity(), n -> "P-" + n));
        return CatalogGenerator.generate(CatalogDataMigration.vocabulary(), CatalogDataMigration.departments(),
                CatalogDataMigration.places(), CatalogDataMigration.column("divisions/hainan-townships.csv", "code"),
                CatalogDataMigration.column("divisions/hainan-villages.csv", "code"), provincialUnits);
    }

    @Test
    void buildsTheProvincesElevenThousandSevenHundredAndTwoItemsSpreadOverTheLevels() {
        List<CatalogGenerator.Item> items = generate();

        assertThat(items).hasSize(11_702);
        Map<ServiceLevel, Long> perLevel = items.stream()
                .collect(Collectors.groupingBy(CatalogGenerator.Item::level, Collectors.counting()));
        assertThat(perLevel).containsEntry(ServiceLevel.PROVINCE, 290L)
                .containsEntry(ServiceLevel.CITY_COUNTY, 20L * 260)
                .containsEntry(ServiceLevel.TOWNSHIP, 243L * 12)
                .containsEntry(ServiceLevel.VILLAGE, 3_296L);
        assertThat(items.stream().map(CatalogGenerator.Item::code).collect(Collectors.toSet())).hasSize(11_702);
    }

    @Test
    void constructionPermitsAreReviewedJointlyAllAnyOneOrOneAfterAnother() {
        List<CatalogGenerator.Item> items = generate();
        Map<String, Long> perProcess = items.stream()
                .collect(Collectors.groupingBy(CatalogGenerator.Item::processKey, Collectors.counting()));
        assertThat(perProcess).containsOnlyKeys("instant", "standard", "joint", "jointAny", "jointSequential", "crossLevel")
                .containsEntry("joint", 60L).containsEntry("jointAny", 27L).containsEntry("jointSequential", 18L);
        assertThat(items).filteredOn(i -> i.processKey().equals("jointSequential")).allMatch(i -> i.name().contains("设计"));
        assertThat(items).filteredOn(i -> i.processKey().equals("jointAny"))
                .allMatch(i -> i.name().matches(".*(变更|延续|补办).*") && !i.name().contains("设计"));
    }

    @Test
    void theSameInputsAlwaysGiveTheSameItemsAndCodes() {
        assertThat(generate()).isEqualTo(generate());
    }

    @Test
    void timeLimitsAreRealistic() {
        for (CatalogGenerator.Item item : generate()) {
            if (item.caseKind().equals("INSTANT")) {
                assertThat(item.promisedLimitDays()).as(item.code()).isZero();
                assertThat(item.visits()).as(item.code()).isZero();
            } else {
                assertThat(item.promisedLimitDays()).as(item.code()).isPositive().isLessThan(item.legalLimitDays());
            }
            if (item.type() == 1) {
                assertThat(item.legalLimitDays()).as("licensing limit of " + item.code()).isBetween(1, 20);
            }
            assertThat(item.materials()).as(item.code()).hasSizeBetween(3, 5);
            assertThat(item.onlineDepth()).isBetween(1, 4);
        }
    }

    @Test
    void mostItemsNeedNoVisitAndEveryPlaceHasItsOwnChoice() {
        List<CatalogGenerator.Item> items = generate();
        long noVisit = items.stream().filter(i -> i.visits() == 0).count();
        assertThat(noVisit).isGreaterThan(items.size() * 3L / 4);

        var haikou = items.stream().filter(i -> i.regionCode().equals("4601")).map(CatalogGenerator.Item::name).collect(Collectors.toSet());
        var sanya = items.stream().filter(i -> i.regionCode().equals("4602")).map(CatalogGenerator.Item::name).collect(Collectors.toSet());
        var common = new HashSet<>(haikou);
        common.retainAll(sanya);
        assertThat(haikou).hasSize(260);
        assertThat(common).hasSizeLessThan(260);
    }

    @Test
    void placeNamesOfTheSourceProvinceBecomeHainans() {
        assertThat(generate()).extracting(CatalogGenerator.Item::name).noneMatch(n -> n.contains("四川"));
    }
}
