package dev.hexatask.persistence.testing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The Big List of Naughty Strings (github.com/minimaxir/big-list-of-naughty-strings, MIT), plus strings that stress
 * storage and matching in particular: every text input is run through them.
 */
public final class NaughtyStrings {

    private static final List<String> EXTRA = List.of(
            "Emoji 😀🎉👩‍👩‍👧‍👦🏳️‍🌈",
            "𝕳𝖊𝖝𝖆𝖙𝖆𝖘𝖐 four-byte 𠜎𠜱𠝹𠱓",
            "עברית מימין לשמאל",
            "العربية من اليمين",
            "\u202Eright-to-left override\u202C",
            "e\u0301 combining acute, Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇",
            "quotes ' \" ` ‘ ’ “ ”",
            "back\\slash \\\\ \\' \\%",
            "100% done_or not",
            "%",
            "_",
            "\\",
            "%_\\%",
            "'; DROP TABLE tasks; --",
            "SELECT * FROM tasks WHERE 1=1 OR ''=''",
            "Robert'); DELETE FROM user_profiles;--",
            "ΣΊΣΥΦΟΣ ΟΔΟΣ σίσυφος",
            "İstanbul ıi",
            "Straße STRASSE",
            "ǅǄǆ title-case digraphs",
            "ﬁ ligature",
            "line\u2028separator");

    private NaughtyStrings() {
    }

    /** Every string of the list, then the extras. */
    public static List<String> all() {
        List<String> strings = new ArrayList<>(blns());
        strings.addAll(EXTRA);
        return List.copyOf(strings);
    }

    private static List<String> blns() {
        try (InputStream json = NaughtyStrings.class.getResourceAsStream("blns.json")) {
            if (json == null) {
                throw new IllegalStateException("blns.json is missing from the test resources");
            }
            return new ObjectMapper().readValue(json, new TypeReference<List<String>>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
