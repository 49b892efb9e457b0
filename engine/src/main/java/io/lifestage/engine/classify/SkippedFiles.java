package io.lifestage.engine.classify;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Files of a rules directory that look meant for the pack but are not read, and why ({@code LS-RULE-0104}): a rule
 * file or scenario whose extension is misspelt or in the wrong case, and anything in a backup folder, whose old copies
 * of the rules would otherwise compete with the real ones.
 */
final class SkippedFiles {

    static final String CODE = "LS-RULE-0104";
    private static final Set<String> BACKUP_FOLDERS = Set.of("backup", "backups", "bak", "old", "archive", "attic");
    private static final Pattern BACKUP_FOLDER = Pattern.compile("(?i).*(~|\\.bak|\\.old|\\.orig|[ _-]copy)$");
    private static final Pattern RULE_FILE = Pattern.compile("(?i).*\\.(drl|csv|xls|xlsx)$");

    private SkippedFiles() {
    }

    /** Why the file at this path of the pack is skipped, as a sentence; null when it is read or plainly not meant. */
    static String why(String relative) {
        String[] parts = relative.split("/");
        for (int i = 0; i < parts.length - 1; i++) {
            String folder = parts[i];
            if (BACKUP_FOLDERS.contains(folder.toLowerCase(Locale.ROOT)) || BACKUP_FOLDER.matcher(folder).matches()) {
                return RULE_FILE.matcher(relative).matches() ? "skipped: '" + folder + "' looks like a backup folder,"
                        + " so its rules are not part of the pack; move the file out of it to use it" : null;
            }
        }
        String name = parts[parts.length - 1];
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".drl") && !name.endsWith(".drl")) {
            return "skipped: rule files must end in '.drl' in lower case; rename it to '"
                    + name.substring(0, name.length() - 4) + ".drl'";
        }
        if ((lower.endsWith(".test.yml") || lower.endsWith(".test.yaml")) && !name.endsWith(".test.yaml")) {
            return "skipped by 'lifestage test': scenario files must end in '.test.yaml'; rename it to '"
                    + name.substring(0, name.lastIndexOf(".test.")) + ".test.yaml'";
        }
        return null;
    }
}
