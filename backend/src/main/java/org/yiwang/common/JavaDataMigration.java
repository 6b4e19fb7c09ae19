package org.yiwang.common;

import java.util.zip.CRC32;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * A Flyway migration written in Java that loads reference data. Flyway's lock makes it run exactly once,
 * even when several nodes start on one database at the same time.
 */
public abstract class JavaDataMigration implements JavaMigration {

    private final String version;
    private final String description;

    protected JavaDataMigration(String version, String description) {
        this.version = version;
        this.description = description;
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion(version);
    }

    @Override
    public String getDescription() {
        return description;
    }

    @Override
    public Integer getChecksum() {
        CRC32 crc = new CRC32();
        crc.update((version + description).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }
}
