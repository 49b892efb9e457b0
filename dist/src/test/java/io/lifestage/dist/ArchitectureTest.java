package io.lifestage.dist;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module and package boundaries the README's Layout section draws, checked on the compiled classes of every
 * module: a change that crosses one fails here with the offending class and dependency.
 */
class ArchitectureTest {

    private static JavaClasses lifestage;

    @BeforeAll
    static void importEveryModule() {
        lifestage = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.lifestage");
    }

    @Test
    void theJavaApiNeedsNothingButTheJdk() {
        classes().that().resideInAPackage("io.lifestage.api..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.lifestage.api..", "java..")
                .because("host systems and plugins compile against the api alone")
                .check(lifestage);
    }

    @Test
    void droolsStaysInsideClassification() {
        noClasses().that().resideOutsideOfPackage("io.lifestage.engine.classify..")
                .should().dependOnClassesThat().resideInAnyPackage("org.drools..", "org.kie..")
                .because("the rule engine is an implementation detail of classify: everything else sees stage"
                        + " decisions, not Drools sessions")
                .check(lifestage);
    }

    @Test
    void onlyTheStoreWritesSqlAgainstTheStageStore() {
        noClasses().that().resideInAPackage("io.lifestage..")
                .and().resideOutsideOfPackages("io.lifestage.engine.store..", "io.lifestage.plugin.jdbc..",
                        "io.lifestage.testing..")
                .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("java.sql..")
                        .and(not(assignableTo(SQLException.class))))
                .because("the store owns the schema: one place knows the ls_* tables and their SQL (a failure's"
                        + " SQLState may be read anywhere)")
                .check(lifestage);
    }

    @Test
    void pluginsAndTheLibrariesTheyUseSeeTheSpiAndNotTheEngine() {
        noClasses().that().resideInAnyPackage("io.lifestage.plugin..", "io.lifestage.testkit..",
                        "io.lifestage.segment..", "io.lifestage.crm..")
                .should().dependOnClassesThat().resideInAnyPackage("io.lifestage.engine..", "io.lifestage.cli..",
                        "io.lifestage.server..", "io.lifestage.stream..")
                .because("a plugin is loaded in its own class loader against the api and must build outside this"
                        + " repository, with the Segment and CRM libraries and the test kit as its only other Lifestage"
                        + " jars")
                .check(lifestage);
    }

    @Test
    void onlyTheCommandLineUsesPicocli() {
        noClasses().that().resideOutsideOfPackages("io.lifestage.cli..", "io.lifestage.bench..")
                .should().dependOnClassesThat().resideInAPackage("picocli..")
                .check(lifestage);
    }

    @Test
    void theEngineDoesNotKnowWhoHostsIt() {
        noClasses().that().resideInAPackage("io.lifestage.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("io.lifestage.cli..", "io.lifestage.server..",
                        "io.lifestage.stream..", "io.lifestage.bench..")
                .check(lifestage);
    }

    @Test
    void theEnginesPackagesDependOnEachOtherWithoutCycles() {
        slices().matching("io.lifestage.engine.(*)..").should().beFreeOfCycles().check(lifestage);
    }
}
