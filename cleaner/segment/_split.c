/* The sentence splitter as one pass in C: part of the opt-in compiled build.
 *
 * Why: sentences.split (one regex match object per boundary, then Python
 * deciding what each one was) was 6% of the cleaning stages' instructions
 * under callgrind.  This is the same function: the regex _SPLIT's seven
 * alternatives tried in the regex's order at each terminator, with the same
 * backtracking through the greedy runs, then split's own rules (abbreviation
 * dots, soft-wrap trimming, the cut of over-long sentences).  "Whitespace" is
 * the regex module's test (Py_UNICODE_ISSPACE).  sentences._split_by_regex
 * stays the definition; tests/cleaner/segment/test_split_native.py holds the
 * two equal.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>

typedef struct {
    int kind;
    const void *data;
    Py_ssize_t n;
} Text;

#define AT(t, i) PyUnicode_READ((t)->kind, (t)->data, (i))

enum { M_NONE = 0, M_NL, M_TERM, M_DOT };

static inline int is_ws(Py_UCS4 c) {
    if (c < 128) return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f);
    return Py_UNICODE_ISSPACE(c);
}

/* The closing quotes and brackets _CLOSE lists: " ' ” ’ 」 』 ） 》 ) ] */
static inline int is_close(Py_UCS4 c) {
    return c == '"' || c == '\'' || c == ')' || c == ']' || c == 0x201D || c == 0x2019 || c == 0x300D ||
           c == 0x300F || c == 0xFF09 || c == 0x300B;
}

/* 。！？；… */
static inline int is_cjk_term(Py_UCS4 c) {
    return c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF1B || c == 0x2026;
}

static inline int is_trigger(Py_UCS4 c) {
    return c == '\n' || c == '.' || c == '!' || c == '?' || (c >= 0x2026 && is_cjk_term(c));
}

static inline Py_ssize_t skip_ws(const Text *t, Py_ssize_t i) {
    while (i < t->n && is_ws(AT(t, i))) i++;
    return i;
}

/* (?=\s|$|[\u3400-\u9fff\uff01-\uff5e]) */
static inline int ends_here(const Text *t, Py_ssize_t p) {
    if (p >= t->n) return 1;
    Py_UCS4 c = AT(t, p);
    return is_ws(c) || (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xFF01 && c <= 0xFF5E);
}

/* Try _SPLIT at pos (a trigger character): which alternative matched, where its
 * sentence ends (*gpos, for the terminator kinds) and where the match ends. */
static int match_at(const Text *t, Py_ssize_t pos, Py_ssize_t *gpos, Py_ssize_t *mend) {
    const Py_ssize_t n = t->n;
    const Py_UCS4 c = AT(t, pos);
    Py_ssize_t j, i1, i2, i3, e1, e2, e3;
    if (c == '\n') {
        j = pos + 1;
        while (j < n && (AT(t, j) == ' ' || AT(t, j) == '\t' || AT(t, j) == '\r')) j++;
        if (j < n && AT(t, j) == '\n') { /* a blank line */
            *mend = skip_ws(t, j + 1);
            return M_NL;
        }
        if (j < n && AT(t, j) >= 'a' && AT(t, j) <= 'z') return M_NONE; /* a soft wrap */
        *mend = skip_ws(t, pos + 1);
        return M_NL;
    }
    if (is_cjk_term(c)) {
        j = pos + 1;
        while (j < n && is_cjk_term(AT(t, j))) j++;
        while (j < n && is_close(AT(t, j))) j++;
        *gpos = j;
        *mend = skip_ws(t, j);
        return M_TERM;
    }
    if (c == '!' || c == '?') {
        if (pos >= 1 && AT(t, pos - 1) >= 0x3400 && AT(t, pos - 1) <= 0x9FFF) {
            j = pos + 1;
            while (j < n && (AT(t, j) == '!' || AT(t, j) == '?')) j++;
            *gpos = j;
            *mend = skip_ws(t, j);
            return M_TERM;
        }
        /* [!?]*\.*[CLOSE]*(?=...): each greedy run gives back one character at a time */
        e1 = pos + 1;
        while (e1 < n && (AT(t, e1) == '!' || AT(t, e1) == '?')) e1++;
        for (i1 = e1; i1 >= pos + 1; i1--) {
            e2 = i1;
            while (e2 < n && AT(t, e2) == '.') e2++;
            for (i2 = e2; i2 >= i1; i2--) {
                e3 = i2;
                while (e3 < n && is_close(AT(t, e3))) e3++;
                for (i3 = e3; i3 >= i2; i3--) {
                    if (ends_here(t, i3)) {
                        *gpos = i3;
                        *mend = skip_ws(t, i3);
                        return M_TERM;
                    }
                }
            }
        }
        return M_NONE;
    }
    if (c == '.') {
        /* an ellipsis: \.+[CLOSE]*(?=...)(?!\s*[a-z]) */
        e1 = pos + 1;
        while (e1 < n && AT(t, e1) == '.') e1++;
        for (i1 = e1; i1 >= pos + 2; i1--) {
            e2 = i1;
            while (e2 < n && is_close(AT(t, e2))) e2++;
            for (i2 = e2; i2 >= i1; i2--) {
                if (!ends_here(t, i2)) continue;
                j = skip_ws(t, i2);
                if (j < n && AT(t, j) >= 'a' && AT(t, j) <= 'z') continue;
                *gpos = i2;
                *mend = j;
                return M_TERM;
            }
        }
        /* a dot: [CLOSE]*(?=...)(?![ \t]*[a-z0-9]), then [ \t]* */
        e2 = pos + 1;
        while (e2 < n && is_close(AT(t, e2))) e2++;
        for (i2 = e2; i2 >= pos + 1; i2--) {
            if (!ends_here(t, i2)) continue;
            j = i2;
            while (j < n && (AT(t, j) == ' ' || AT(t, j) == '\t')) j++;
            if (j < n && ((AT(t, j) >= 'a' && AT(t, j) <= 'z') || (AT(t, j) >= '0' && AT(t, j) <= '9'))) continue;
            *gpos = i2;
            *mend = j;
            return M_DOT;
        }
        return M_NONE;
    }
    return M_NONE;
}

static const char *const ABBREV[] = {
    "e.g", "i.e", "etc", "vs", "cf", "al", "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "inc",
    "ltd", "co", "corp", "fig", "figs", "approx", "eq", "eqs", "sec", "vol", "ch", "pp", "resp", "viz", "ca",
};

static inline int ascii_letter(Py_UCS4 c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/* sentences._abbreviation: the dot at `dot` ends an abbreviation or an initial. */
static int abbreviation(const Text *t, Py_ssize_t dot) {
    if (dot == 0) return 0;
    Py_UCS4 last = AT(t, dot - 1);
    if (!ascii_letter(last) && last != '.') return 0;
    if (dot >= 7) {
        int all = 1;
        for (Py_ssize_t k = dot - 7; k < dot && all; k++) all = ascii_letter(AT(t, k));
        if (all) return 0; /* a word of 7+ letters: longer than any abbreviation */
    }
    /* The leftmost start of ([A-Za-z][A-Za-z.]{0,8})$ in text[max(0, dot - 10):dot]. */
    Py_ssize_t lo = dot - 9 > 0 ? dot - 9 : 0;
    Py_ssize_t r = dot;
    while (r > lo && (ascii_letter(AT(t, r - 1)) || AT(t, r - 1) == '.')) r--;
    Py_ssize_t p = r;
    while (p < dot && !ascii_letter(AT(t, p))) p++;
    if (p == dot) return 0;
    char word[10];
    Py_ssize_t len = 0;
    for (Py_ssize_t k = p; k < dot; k++) {
        Py_UCS4 ch = AT(t, k);
        word[len++] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
    }
    while (len > 0 && word[len - 1] == '.') len--;
    word[len] = '\0';
    for (size_t k = 0; k < sizeof(ABBREV) / sizeof(ABBREV[0]); k++) {
        if (strcmp(word, ABBREV[k]) == 0) return 1;
    }
    return len == 1 && (p == 0 || !Py_UNICODE_ISALNUM(AT(t, p - 1)));
}

static int append(PyObject *out, Py_ssize_t a, Py_ssize_t b) {
    PyObject *pair = Py_BuildValue("(nn)", a, b);
    if (pair == NULL) return -1;
    int rc = PyList_Append(out, pair);
    Py_DECREF(pair);
    return rc;
}

/* sentences._cut: [a, b) cut at spaces into pieces of at most max_chars. */
static int cut(const Text *t, Py_ssize_t a, Py_ssize_t b, Py_ssize_t max_chars, PyObject *out) {
    while (b - a > max_chars) {
        Py_ssize_t at = -1;
        for (Py_ssize_t k = a + max_chars - 1; k >= a + max_chars / 2; k--) {
            if (AT(t, k) == ' ') {
                at = k;
                break;
            }
        }
        if (at <= a) at = a + max_chars;
        if (append(out, a, at) < 0) return -1;
        a = at;
        while (a < b && is_ws(AT(t, a))) a++;
    }
    if (a < b) return append(out, a, b);
    return 0;
}

static PyObject *split(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    (void)module;
    if (nargs != 2 || !PyUnicode_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "split() takes a str and the longest sentence in characters");
        return NULL;
    }
    Py_ssize_t max_chars = PyLong_AsSsize_t(args[1]);
    if (max_chars == -1 && PyErr_Occurred()) return NULL;
    if (max_chars < 2) {
        PyErr_SetString(PyExc_ValueError, "split(): the longest sentence must be at least 2 characters");
        return NULL;
    }
    PyObject *s = args[0];
    if (PyUnicode_READY(s) < 0) return NULL;
    Text t = {PyUnicode_KIND(s), PyUnicode_DATA(s), PyUnicode_GET_LENGTH(s)};
    PyObject *out = PyList_New(0);
    if (out == NULL) return NULL;
    Py_ssize_t prev = skip_ws(&t, 0);
    Py_ssize_t pos = 0;
    while (pos < t.n) {
        if (!is_trigger(AT(&t, pos))) {
            pos++;
            continue;
        }
        Py_ssize_t gpos = 0, mend = 0, end;
        int m = match_at(&t, pos, &gpos, &mend);
        if (m == M_NONE) {
            pos++;
            continue;
        }
        if (m == M_NL) {
            end = pos;
            while (end > prev && (AT(&t, end - 1) == ' ' || AT(&t, end - 1) == '\t' || AT(&t, end - 1) == '\r')) end--;
        } else {
            end = gpos;
            if (m == M_DOT && abbreviation(&t, pos)) {
                pos = mend;
                continue;
            }
        }
        if (end > prev && is_ws(AT(&t, prev))) prev = skip_ws(&t, prev);
        if (end > prev) {
            int rc = end - prev > max_chars ? cut(&t, prev, end, max_chars, out) : append(out, prev, end);
            if (rc < 0) goto fail;
        }
        prev = mend;
        pos = mend;
    }
    prev = skip_ws(&t, prev);
    Py_ssize_t end = t.n;
    while (end > 0 && is_ws(AT(&t, end - 1))) end--;
    if (end > prev && cut(&t, prev, end, max_chars, out) < 0) goto fail;
    return out;
fail:
    Py_DECREF(out);
    return NULL;
}

static PyMethodDef methods[] = {
    {"split", (PyCFunction)(void (*)(void))split, METH_FASTCALL,
     "split(text, max_chars) -> list[tuple[int, int]]: sentences.split's sentence ranges."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "cleaner.segment._split",
    "The sentence splitter in C (the opt-in compiled build); see sentences.split.", -1, methods,
    NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__split(void) { return PyModule_Create(&module); }
