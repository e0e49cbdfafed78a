package dev.coffer.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The arrows of DESIGN.md ("Layers and what each may touch"), checked on the compiled classes.
 * {@code core} (errors, caller, request context) is the shared vocabulary every layer may use.
 */
class LayeringTest {
  static JavaClasses classes;

  @BeforeAll
  static void load() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.coffer");
  }

  @Test
  void layers_dependOnlyOnWhatDesignAllows() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .withOptionalLayers(true)
        .layer("core")
        .definedBy("dev.coffer.core..")
        .layer("protocol")
        .definedBy("dev.coffer.protocol..")
        .layer("auth")
        .definedBy("dev.coffer.auth..")
        .layer("policy")
        .definedBy("dev.coffer.policy..")
        .layer("secrets")
        .definedBy("dev.coffer.secrets..")
        .layer("kms")
        .definedBy("dev.coffer.kms..")
        .layer("crypto")
        .definedBy("dev.coffer.crypto..")
        .layer("audit")
        .definedBy("dev.coffer.audit..")
        .layer("rotation")
        .definedBy("dev.coffer.rotation..")
        .layer("compliance")
        .definedBy("dev.coffer.compliance..")
        .layer("store")
        .definedBy("dev.coffer.store..")
        .layer("server")
        .definedBy("dev.coffer.server..")
        .layer("cli")
        .definedBy("dev.coffer.cli..")
        .whereLayer("cli")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("server")
        .mayOnlyBeAccessedByLayers("cli")
        .whereLayer("protocol")
        .mayOnlyBeAccessedByLayers("server")
        .whereLayer("auth")
        .mayOnlyBeAccessedByLayers("protocol", "server", "cli")
        .whereLayer("secrets")
        .mayOnlyBeAccessedByLayers("protocol", "rotation", "compliance", "server")
        .whereLayer("kms")
        .mayOnlyBeAccessedByLayers("secrets", "protocol", "rotation", "compliance", "server")
        // cli: `coffer compliance scan` analyzes a remote endpoint's resource policies offline.
        .whereLayer("policy")
        .mayOnlyBeAccessedByLayers("secrets", "kms", "protocol", "compliance", "server", "cli")
        // cli: `coffer audit verify` checks the chain itself (offline too), with audit's verifier.
        .whereLayer("audit")
        .mayOnlyBeAccessedByLayers(
            "secrets", "kms", "protocol", "rotation", "compliance", "server", "cli")
        .whereLayer("crypto")
        .mayOnlyBeAccessedByLayers("auth", "kms", "audit", "server")
        .whereLayer("store")
        .mayOnlyBeAccessedByLayers("auth", "secrets", "kms", "audit", "server")
        .whereLayer("rotation")
        .mayOnlyBeAccessedByLayers("server", "compliance")
        // protocol: compliance is a service the API handlers call (report download, Config API).
        // cli: `coffer compliance scan` applies the pure rule functions to a remote endpoint.
        .whereLayer("compliance")
        .mayOnlyBeAccessedByLayers("protocol", "server", "cli")
        .check(classes);
  }

  @Test
  void onlyProtocolAndServerKnowHttp() {
    noClasses()
        .that()
        .resideOutsideOfPackages("dev.coffer.protocol..", "dev.coffer.server..", "dev.coffer.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.helidon..")
        .check(classes);
  }

  @Test
  void onlyStoreKnowsSql() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.coffer.store..")
        .and()
        // Built-in rotators talk JDBC to the user's databases, never to Coffer's store.
        .resideOutsideOfPackage("dev.coffer.rotation.builtin..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("java.sql..", "javax.sql..", "org.flywaydb..", "com.zaxxer..")
        .check(classes);
  }

  /** DESIGN.md: nothing but crypto and kms sees key bytes. */
  @Test
  void onlyCryptoAndKmsHandleKeyBytes() {
    noClasses()
        .that()
        .resideOutsideOfPackages("dev.coffer.crypto..", "dev.coffer.kms..")
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName("dev.coffer.crypto.SecretBytes")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("dev.coffer.crypto.AesGcm")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("dev.coffer.crypto.KeyFile")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("dev.coffer.crypto.RandomBytes")
        .check(classes);
  }

  @Test
  void builtinRotatorsNeverReachTheStore() {
    noClasses()
        .that()
        .resideInAPackage("dev.coffer.rotation.builtin..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.coffer.store..", "org.flywaydb..", "com.zaxxer..")
        .check(classes);
  }

  @Test
  void policyIsPure() {
    noClasses()
        .that()
        .resideInAPackage("dev.coffer.policy..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "java.io..", "java.nio..", "java.net..", "com.fasterxml..", "dev.coffer.store..")
        .allowEmptyShould(true)
        .check(classes);
  }
}
