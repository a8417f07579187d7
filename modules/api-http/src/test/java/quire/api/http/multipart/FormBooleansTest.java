package quire.api.http.multipart;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FormBooleansTest {

    @Test
    void trueSpellingsInAnyCase() {
        for (String value : new String[] {"true", "TRUE", "True", "1", "yes", "YES", "y", "Y", "on", "On"}) {
            assertTrue(FormBooleans.parse(value), value);
        }
    }

    @Test
    void everythingElseAndMissingIsFalse() {
        for (String value : new String[] {null, "", "false", "False", "0", "no", "n", "off", " true", "true ",
                "tru", "2", "yes!", "t"}) {
            assertFalse(FormBooleans.parse(value), String.valueOf(value));
        }
    }
}
