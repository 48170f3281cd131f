/// What the user's locale asks for. ncurses falls back to C.UTF-8 when no locale is set, so the
/// screen works in bare shells; but a locale set to something not UTF-8 (`LANG=C`, `POSIX`,
/// `en_US.ISO-8859-1`) is a choice, and gets the ASCII screen, as `--ascii` does.
public enum LocaleChoice {
    public static func asksForAscii(_ environment: [String: String]) -> Bool {
        // The first of LC_ALL, LC_CTYPE, LANG that is set decides, as setlocale reads them.
        guard let value = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap({ environment[$0] }).first(where: { !$0.isEmpty }) else {
            return false
        }
        let lower = value.lowercased()
        return !(lower.contains("utf-8") || lower.contains("utf8"))
    }
}
