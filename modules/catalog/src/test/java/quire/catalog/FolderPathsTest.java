package quire.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FolderPathsTest {

    @Test
    void canonicalizesNamesAndPaths() {
        assertEquals("/Reports", FolderPaths.canonical("Reports"));
        assertEquals("/Company/Reports", FolderPaths.canonical("  /Company//Reports/ "));
        assertEquals("/A b/C", FolderPaths.canonical("/ A b /C"));
        assertEquals("/Ünïcode/日本", FolderPaths.canonical("Ünïcode/日本"));
    }

    @Test
    void refusesRootTraversalAndControlCharacters() {
        for (String bad : new String[] {"/", "", "   ", "//", "/a/../b", "./x", "a/\u0000/b", "x\ny", "a".repeat(300),
                "/" + "b".repeat(2000)}) {
            CatalogException e = assertThrows(CatalogException.class, () -> FolderPaths.canonical(bad), bad);
            assertEquals(400, e.status());
        }
    }

    @Test
    void navigatesTheTree() {
        assertEquals("C", FolderPaths.leaf("/A/B/C"));
        assertEquals("/A/B", FolderPaths.parent("/A/B/C"));
        assertNull(FolderPaths.parent("/A"));
        assertEquals(3, FolderPaths.depth("/A/B/C"));
        assertTrue(FolderPaths.isSelfOrDescendant("/A/B", "/A"));
        assertTrue(FolderPaths.isSelfOrDescendant("/A", "/A"));
        assertFalse(FolderPaths.isSelfOrDescendant("/AB", "/A"));
    }
}
