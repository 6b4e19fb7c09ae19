package org.yiwang.common;

import java.util.Properties;

import org.apache.ibatis.mapping.DatabaseIdProvider;
import org.apache.ibatis.mapping.VendorDatabaseIdProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code _databaseId} in mapper XML: {@code mysql} on MySQL and MariaDB (Connector/J names both MySQL), {@code h2} on
 * H2 — for the rare optimizer hint only one of them understands.
 */
@Configuration
class MybatisDatabaseIds {

    @Bean
    DatabaseIdProvider databaseIdProvider() {
        Properties vendors = new Properties();
        vendors.setProperty("MySQL", "mysql");
        vendors.setProperty("MariaDB", "mysql");
        vendors.setProperty("H2", "h2");
        VendorDatabaseIdProvider ids = new VendorDatabaseIdProvider();
        ids.setProperties(vendors);
        return ids;
    }
}
