package org.yiwang.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole application on a real database (H2 in MySQL mode, or MariaDB through Connector/J in the
 * MariaDB pass), the real Flowable engine and the real security, called over HTTP on a random port.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({ "test", "demo" })
@ContextConfiguration(initializers = FreshDatabase.class)
@Import(TestClockConfig.class)
public @interface IntegrationTest {
}
