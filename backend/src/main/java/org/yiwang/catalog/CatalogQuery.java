package org.yiwang.catalog;

import org.yiwang.region.ServiceLevel;

/** Search words and filters of the catalogue; every filter is optional. */
public record CatalogQuery(String q, ServiceLevel level, String regionCode, Long agencyId, Integer type,
        String audience) {
}
