// What Swift needs from ncursesw and POSIX, wrapped where Swift 6 cannot use the C spelling:
// globals (stdscr, curscr, LINES, COLS, COLORS, stdout) are not concurrency-safe to Swift, and
// function-like macros (getmaxyx, A_BOLD, ...) do not import. Only Sources/Terminal uses this.
#ifndef BACKPROP_CNCURSESW_SHIM_H
#define BACKPROP_CNCURSESW_SHIM_H

// Without these two, wget_wch and cchar_t stay invisible in <curses.h>.
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <ncursesw/curses.h>

#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

// Swift's C module does not declare wcwidth although <wchar.h> does under these macros.
extern int wcwidth(wchar_t c);

// MARK: locale

/// Sets the locale from the environment, falling back to C.UTF-8; returns 1 when UTF-8 is in use.
static inline int bp_setup_locale(void) {
    const char *set = setlocale(LC_ALL, "");
    if (set == NULL || strcmp(nl_langinfo(CODESET), "UTF-8") != 0) {
        // Bare CI shells and tmux panes often carry no UTF-8 locale; box drawing needs one.
        if (setlocale(LC_CTYPE, "C.UTF-8") == NULL) setlocale(LC_CTYPE, "C.utf8");
    }
    return strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
}

static inline int bp_wcwidth(unsigned int scalar) { return wcwidth((wchar_t)scalar); }

// MARK: screen

static inline SCREEN *bp_newterm(void) { return newterm(NULL, stdout, stdin); }

/// Raw keys, no echo, keypad decoding, short escape delay, hidden cursor.
static inline void bp_setup_modes(void) {
    raw();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    intrflush(stdscr, FALSE);
    set_escdelay(25);
    curs_set(0);
    // Home/End as tmux, screen and rxvt send them, whatever TERM claims: harmless where unused.
    define_key("\033[1~", KEY_HOME);
    define_key("\033[7~", KEY_HOME);
    define_key("\033[H", KEY_HOME);
    define_key("\033OH", KEY_HOME);
    define_key("\033[4~", KEY_END);
    define_key("\033[8~", KEY_END);
    define_key("\033[F", KEY_END);
    define_key("\033OF", KEY_END);
}

/// Clicks and the wheel arrive as KEY_MOUSE; no click delay (a click acts at once).
static inline void bp_enable_mouse(void) {
    mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED | BUTTON_SHIFT, NULL);
    mouseinterval(0);
}

/// The pending mouse event: 0 none we use, 1 left button, 2 wheel up, 3 wheel down; its cell and Shift.
static inline int bp_get_mouse(int *x, int *y, int *shift) {
    MEVENT event;
    if (getmouse(&event) != OK) return 0;
    *x = event.x;
    *y = event.y;
    *shift = (event.bstate & BUTTON_SHIFT) != 0;
    if (event.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)) return 1;
    if (event.bstate & BUTTON4_PRESSED) return 2;
    if (event.bstate & BUTTON5_PRESSED) return 3;
    return 0;
}

static inline int bp_lines(void) { return getmaxy(stdscr); }
static inline int bp_cols(void) { return getmaxx(stdscr); }
static inline int bp_colors(void) { return COLORS; }
static inline int bp_color_pairs(void) { return COLOR_PAIRS; }
/// Whether the terminal description has the RGB flag (direct colour: colour numbers are 0xRRGGBB).
static inline int bp_has_rgb(void) { return tigetflag("RGB") == 1; }

static inline void bp_set_background_pair(short pair) { wbkgdset(stdscr, (chtype)COLOR_PAIR(pair) | ' '); }

// MARK: drawing

static inline void bp_set_style(short pair, int bold, int dim, int reverse) {
    attr_t attrs = A_NORMAL;
    if (bold) attrs |= A_BOLD;
    if (dim) attrs |= A_DIM;
    if (reverse) attrs |= A_REVERSE;
    wattr_set(stdscr, attrs, pair, NULL);
}

static inline int bp_write(int y, int x, const char *utf8) { return mvwaddstr(stdscr, y, x, utf8); }

/// Inserting instead of adding never advances the cursor, so the bottom-right cell cannot scroll.
static inline int bp_insert(int y, int x, const char *utf8) { return mvwinsstr(stdscr, y, x, utf8); }

static inline void bp_erase(void) { werase(stdscr); }
static inline void bp_refresh(void) { wrefresh(stdscr); }

/// Makes the next refresh repaint every cell, whatever ncurses believes is on the terminal.
static inline void bp_force_repaint(void) { clearok(curscr, TRUE); }

// MARK: input

/// Reads one key or character; returns OK, KEY_CODE_YES or ERR, and the errno seen on ERR.
static inline int bp_get_wch(int timeout_ms, unsigned int *out, int *error) {
    wint_t ch = 0;
    wtimeout(stdscr, timeout_ms);
    errno = 0;
    int result = wget_wch(stdscr, &ch);
    *error = errno;
    *out = (unsigned int)ch;
    return result;
}

#endif
