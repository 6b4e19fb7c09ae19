package org.yiwang;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.apache.ibatis.annotations.Mapper;
import org.springframework.web.bind.annotation.RestController;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * The layering the README describes, checked on the compiled classes: a change that breaks it fails the build
 * rather than waiting for a reviewer to notice.
 */
@AnalyzeClasses(packages = "org.yiwang", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** The engine is an implementation detail of the engine wrapper and the process modeler. */
    @ArchTest
    static final ArchRule onlyWorkflowAndModelingUseFlowable = noClasses()
            .that().resideOutsideOfPackages("org.yiwang.workflow..", "org.yiwang.modeling..")
            .should().dependOnClassesThat().resideInAPackage("org.flowable..")
            .because("only workflow/ (the engine wrapper) and modeling/ (the modeler) talk to Flowable");

    @ArchTest
    static final ArchRule controllersDoNotCallMappers = noClasses()
            .that().areAnnotatedWith(RestController.class)
            .should().dependOnClassesThat().areAnnotatedWith(Mapper.class)
            .because("a controller reaches the database through its feature's service");

    @ArchTest
    static final ArchRule featuresReachOtherFeaturesThroughServices = classes()
            .should(new ArchCondition<JavaClass>("reach other features through their services, not their mappers") {
                @Override
                public void check(JavaClass origin, ConditionEvents events) {
                    for (Dependency d : origin.getDirectDependenciesFromSelf()) {
                        JavaClass target = d.getTargetClass();
                        JavaClass mapper = target.getEnclosingClass().orElse(target);
                        if (mapper.isAnnotatedWith(Mapper.class) && !mapper.getPackageName().equals(origin.getPackageName())) {
                            events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                        }
                    }
                }
            });

    /**
     * Feature packages form layers: a package may use those below it, never one that uses it back. New features
     * that an existing one must tell something listen to its application events instead. The audit recorder
     * ({@code audit/}) sits below everything that records with it, identity included; the audit log's page is
     * supervision's.
     */
    @ArchTest
    static final ArchRule noCyclesBetweenFeatures = slices().matching("org.yiwang.(*)..").should().beFreeOfCycles();
}
