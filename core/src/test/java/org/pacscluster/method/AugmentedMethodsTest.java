package org.pacscluster.method;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.pacscluster.deep.AugmentConfig;
import org.pacscluster.deep.DeepMethod;
import org.pacscluster.io.ResumeKey;

/** The -da methods as the rest of the tool sees them: names, the paper's default set, settings and provenance. */
class AugmentedMethodsTest {
    @Test
    void theDaMethodsAreNamedAndAugmentButAreNotThePapers() {
        assertEquals(Method.CIDEC_DA, Method.parse("cidec-da"));
        assertEquals("CIDEC-DA", Method.CIDEC_DA.displayName());
        assertEquals("CDEC-DA", Method.parse("CDEC-DA").displayName());
        assertEquals("CAE-DA + k-means", Method.parse("cae-da").displayName());
        for (Method m : new Method[] {Method.CAE_DA, Method.CDEC_DA, Method.CIDEC_DA}) {
            assertTrue(m.isDeep() && m.augments(), m.id());
            assertFalse(Method.PAPER.contains(m), m.id());
        }
        assertEquals(DeepMethod.CIDEC, Method.CIDEC_DA.deepMethod());
        assertFalse(Method.CAE_DA.finetunes());
        for (Method m : Method.PAPER) assertFalse(m.augments(), m.id());
        assertTrue(Method.names().endsWith("cae-da, cdec-da, cidec-da"), Method.names());
    }

    @Test
    void onlyTheDaMethodsTrainWithTheAugmentation() {
        MethodSettings s = MethodSettings.paper().withAugment(AugmentConfig.decDa());
        assertEquals(AugmentConfig.radiology(), MethodSettings.paper().augment());
        assertEquals(AugmentConfig.decDa(), s.augmentFor(Method.CIDEC_DA));
        assertEquals(AugmentConfig.none(), s.augmentFor(Method.CIDEC));
        assertEquals(AugmentConfig.none(), s.augmentFor(Method.PCA));
        assertEquals(AugmentConfig.decDa(), s.withSeed(3).withK(7).augment(), "the with-ers keep it");
    }

    @Test
    void settingsWithoutTheFieldReadAsNoAugmentationAndKeysNameIt() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode tree = json.valueToTree(MethodSettings.paper());
        assertTrue(tree.has("augment"));
        assertEquals(AugmentConfig.radiology(), json.treeToValue(tree, MethodSettings.class).augment());
        tree.remove("augment"); // model.json written before the option existed
        assertEquals(AugmentConfig.none(), json.treeToValue(tree, MethodSettings.class).augment());

        ResumeKey a = ResumeKey.builder("model").putSettings("settings", MethodSettings.paper(), n -> false).build();
        ResumeKey b = ResumeKey.builder("model").putSettings("settings",
                MethodSettings.paper().withAugment(AugmentConfig.decDa()), n -> false).build();
        assertEquals("0.06", a.values().get("settings.augment.maxShift"));
        assertTrue(b.differencesFrom(a).contains("settings.augment.maxShift"), b.differencesFrom(a));
        // runs of the plain methods leave it out, so their keys (and resumable folders) are what they were
        assertTrue(MethodSettings.unusedBy("augment.maxShift", java.util.List.of(Method.CIDEC, Method.PCA)));
        assertFalse(MethodSettings.unusedBy("augment.maxShift", java.util.List.of(Method.CIDEC, Method.CIDEC_DA)));
        assertFalse(MethodSettings.unusedBy("cae.latent", java.util.List.of(Method.CIDEC)));
    }
}
