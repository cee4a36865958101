/* The preprocessor's tokenizer as one pass in C: part of the opt-in compiled build.
 *
 * Why: tokenizing the prose (re.findall over the batch's joined text, then a
 * str per token and a " ".join) was 14% of the cleaning stages' instructions
 * under callgrind, the largest single step.  This walks the string once and
 * writes the space-joined line directly, no token objects in between.
 *
 * It is exactly preprocess._tokens, joined by single spaces:
 *   one CJK character (U+3400-4DBF, U+4E00-9FFF, U+F900-FAFF)
 *   | a run of letters (word characters but decimals, "_" and CJK), optionally
 *     "'" and a second run
 *   | a run of decimal digits
 *   | a run of "!" and "?"
 *   | "..."
 *   | one character that is neither a word character nor whitespace;
 * anything else (whitespace, "_") separates tokens.  A token whose characters
 * are all digits (str.isdigit) is written "0".  "Word character", "decimal"
 * and "whitespace" are the regex module's own tests (Py_UNICODE_ISALNUM or
 * "_", Py_UNICODE_ISDECIMAL, Py_UNICODE_ISSPACE), so the two agree on every
 * string; tests/cleaner/classify/test_tokens_native.py holds them equal.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* Bits of the ASCII table: which class each of the first 128 code points is in. */
#define C_LETTER 1
#define C_DECIMAL 2
#define C_SPACE 4
#define C_WORD 8

static unsigned char ascii_class[128];

static void init_ascii_class(void) {
    for (int c = 0; c < 128; c++) {
        unsigned char k = 0;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) k |= C_LETTER | C_WORD;
        if (c >= '0' && c <= '9') k |= C_DECIMAL | C_WORD;
        if (c == '_') k |= C_WORD;
        if (Py_UNICODE_ISSPACE((Py_UCS4)c)) k |= C_SPACE;
        ascii_class[c] = k;
    }
}

static inline int is_cjk(Py_UCS4 c) {
    return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF);
}

static inline int is_word(Py_UCS4 c) {
    if (c < 128) return ascii_class[c] & C_WORD;
    return Py_UNICODE_ISALNUM(c);
}

/* [^\W\d_<CJK>] */
static inline int is_letter(Py_UCS4 c) {
    if (c < 128) return ascii_class[c] & C_LETTER;
    return Py_UNICODE_ISALNUM(c) && !Py_UNICODE_ISDECIMAL(c) && !is_cjk(c);
}

static inline int is_decimal(Py_UCS4 c) {
    if (c < 128) return ascii_class[c] & C_DECIMAL;
    return Py_UNICODE_ISDECIMAL(c);
}

static inline int is_space(Py_UCS4 c) {
    if (c < 128) return ascii_class[c] & C_SPACE;
    return Py_UNICODE_ISSPACE(c);
}

static inline int is_digit(Py_UCS4 c) {
    if (c < 128) return ascii_class[c] & C_DECIMAL;
    return Py_UNICODE_ISDIGIT(c);
}

static PyObject *token_line(PyObject *module, PyObject *text) {
    if (!PyUnicode_Check(text)) {
        PyErr_Format(PyExc_TypeError, "token_line() takes a str, not %.100s", Py_TYPE(text)->tp_name);
        return NULL;
    }
    if (PyUnicode_READY(text) < 0) return NULL;
    const Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    const int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    /* Every token is at least one input character and gets at most one separator: 2n bounds the line. */
    void *out = PyMem_Malloc((size_t)(2 * n + 1) * (size_t)kind);
    if (out == NULL) return PyErr_NoMemory();
    Py_ssize_t o = 0;
    Py_ssize_t i = 0;
#define READ(k) PyUnicode_READ(kind, data, (k))
#define EMIT(ch) PyUnicode_WRITE(kind, out, o++, (ch))
#define SEPARATE() do { if (o) EMIT(' '); } while (0)
    while (i < n) {
        const Py_UCS4 c = READ(i);
        Py_ssize_t j;
        if (c >= 0x3400 && is_cjk(c)) {
            SEPARATE();
            EMIT(c);
            i++;
        } else if (is_letter(c)) {
            j = i + 1;
            while (j < n && is_letter(READ(j))) j++;
            int all_digits = 1;
            for (Py_ssize_t k = i; k < j && all_digits; k++) all_digits = is_digit(READ(k));
            if (j + 1 < n && READ(j) == '\'' && is_letter(READ(j + 1))) {
                j += 2;
                while (j < n && is_letter(READ(j))) j++;
                all_digits = 0;
            }
            SEPARATE();
            if (all_digits) {
                EMIT('0');
            } else {
                for (Py_ssize_t k = i; k < j; k++) EMIT(READ(k));
            }
            i = j;
        } else if (is_decimal(c)) {
            j = i + 1;
            while (j < n && is_decimal(READ(j))) j++;
            SEPARATE();
            EMIT('0');
            i = j;
        } else if (c == '!' || c == '?') {
            j = i + 1;
            while (j < n && (READ(j) == '!' || READ(j) == '?')) j++;
            SEPARATE();
            for (Py_ssize_t k = i; k < j; k++) EMIT(READ(k));
            i = j;
        } else if (c == '.' && i + 2 < n && READ(i + 1) == '.' && READ(i + 2) == '.') {
            SEPARATE();
            EMIT('.');
            EMIT('.');
            EMIT('.');
            i += 3;
        } else if (!is_word(c) && !is_space(c)) {
            SEPARATE();
            EMIT(c);
            i++;
        } else {
            i++;
        }
    }
#undef READ
#undef EMIT
#undef SEPARATE
    PyObject *line = PyUnicode_FromKindAndData(kind, out, o);
    PyMem_Free(out);
    return line;
}

static PyMethodDef methods[] = {
    {"token_line", token_line, METH_O,
     "token_line(text) -> str: the preprocessor's tokens of text, joined by single spaces."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "cleaner.classify._tokens",
    "The preprocessor's tokenizer in C (the opt-in compiled build); see preprocess._tokens.", -1, methods,
};

PyMODINIT_FUNC PyInit__tokens(void) {
    init_ascii_class();
    return PyModule_Create(&module);
}
