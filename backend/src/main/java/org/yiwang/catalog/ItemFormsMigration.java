package org.yiwang.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;

import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;
import org.yiwang.common.JavaDataMigration;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * V34: the most applied-for items get their own application forms ({@link StandardForms}, version 1 of each) in
 * place of the generic 申请事由/联系人/电话. Items an administrator already bound to a form keep theirs; later
 * changes go through the form designer as new versions.
 */
@Component
class ItemFormsMigration extends JavaDataMigration {

    private static final Timestamp PUBLISHED = Timestamp.valueOf(LocalDateTime.of(2026, 1, 1, 0, 0));

    ItemFormsMigration() {
        super("34", "item application forms");
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection db = context.getConnection();
        ObjectMapper json = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);
        try (PreparedStatement exists = db.prepareStatement("SELECT COUNT(*) FROM form_definition WHERE form_key = ?");
             PreparedStatement form = db.prepareStatement("""
                INSERT INTO form_definition (form_key, version, name, fields, created_by, created_at)
                VALUES (?, 1, ?, ?, 'system', ?)""");
             PreparedStatement bind = db.prepareStatement(
                     "UPDATE item SET form_key = ?, form_version = 1 WHERE name = ? AND form_key IS NULL")) {
            for (StandardForms.Form f : StandardForms.get().forms()) {
                exists.setString(1, f.key());
                try (var found = exists.executeQuery()) {
                    // A form an administrator already made under this key is theirs: neither replaced nor bound.
                    if (found.next() && found.getInt(1) > 0) {
                        continue;
                    }
                }
                form.setString(1, f.key());
                form.setString(2, f.name());
                form.setString(3, json.writeValueAsString(f.fields()));
                form.setTimestamp(4, PUBLISHED);
                form.executeUpdate();
                for (String item : f.items()) {
                    bind.setString(1, f.key());
                    bind.setString(2, item);
                    bind.executeUpdate();
                }
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
