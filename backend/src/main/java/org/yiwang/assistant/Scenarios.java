package org.yiwang.assistant;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.core.io.ClassPathResource;

/**
 * Common situations (开餐馆, 生孩子 …) and the catalogue items each needs, as person or as company: data in
 * {@code assistant/scenarios.tsv}, so that a question about a situation cites every item it takes and not only
 * the one whose name resembles the question.
 */
final class Scenarios {

    record Scenario(List<String> triggers, String name, List<String> personItems, List<String> companyItems,
            List<String> commonItems) {

        /** Whether the items depend on applying as a person or as a company. */
        boolean dependsOnAudience() {
            return !personItems.isEmpty() && !companyItems.isEmpty();
        }

        List<String> items(Audience audience) {
            List<String> all = new ArrayList<>();
            if (audience != Audience.COMPANY || companyItems.isEmpty()) {
                all.addAll(personItems);
            }
            if (audience != Audience.PERSON || personItems.isEmpty()) {
                all.addAll(companyItems.stream().filter(i -> !all.contains(i)).toList());
            }
            all.addAll(commonItems.stream().filter(i -> !all.contains(i)).toList());
            return all;
        }
    }

    enum Audience {
        PERSON, COMPANY, UNKNOWN
    }

    private final List<Scenario> all;

    Scenarios() {
        this(load());
    }

    Scenarios(List<Scenario> all) {
        this.all = List.copyOf(all);
    }

    Optional<Scenario> match(String question) {
        return all.stream().filter(s -> s.triggers().stream().anyMatch(question::contains)).findFirst();
    }

    private static List<Scenario> load() {
        try {
            String text = new ClassPathResource("assistant/scenarios.tsv").getContentAsString(StandardCharsets.UTF_8);
            List<Scenario> scenarios = new ArrayList<>();
            for (String line : text.split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = Arrays.copyOf(line.split("\t", -1), 5);
                scenarios.add(new Scenario(split(f[0], "\\|"), f[1], split(f[2], ";"), split(f[3], ";"), split(f[4], ";")));
            }
            return scenarios;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> split(String field, String separator) {
        return field == null || field.isBlank() ? List.of()
                : Arrays.stream(field.split(separator)).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
