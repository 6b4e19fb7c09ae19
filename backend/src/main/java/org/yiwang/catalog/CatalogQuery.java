package org.yiwang.catalog;

import org.yiwang.region.ServiceLevel;

/**
 * Search words and filters of the catalogue; every filter is optional. {@code near} is the applicant's place
 * (a village, township or county): items implemented there and above it come first.
 */
public record CatalogQuery(String q, ServiceLevel level, String regionCode, Long agencyId, Integer type,
        String audience, String event, String near) {
}
