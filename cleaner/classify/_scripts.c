/* Script counts for language routing in one pass of C: part of the opt-in compiled build.
 *
 * Why: langid.route ran one or two regex scans per sentence (isascii, then a
 * search, or two findall that build a list of every CJK character), 4% of the
 * cleaning stages' instructions under callgrind.  script_counts(text) returns
 * (len(_CJK.findall(text)), len(_LATIN_WORD.findall(text))): CJK characters
 * (U+3400-4DBF, U+4E00-9FFF, U+F900-FAFF) and maximal runs of two or more
 * Latin letters ([A-Za-z\u00c0-\u024f]).  langid._script_counts_by_regex stays
 * the definition; tests/cleaner/classify/test_scripts_native.py holds the two equal.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static inline int is_cjk(Py_UCS4 c) {
    return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF);
}

static inline int is_latin(Py_UCS4 c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0x24F);
}

static PyObject *script_counts(PyObject *module, PyObject *text) {
    (void)module;
    if (!PyUnicode_Check(text)) {
        PyErr_Format(PyExc_TypeError, "script_counts() takes a str, not %.100s", Py_TYPE(text)->tp_name);
        return NULL;
    }
    if (PyUnicode_READY(text) < 0) return NULL;
    const Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    const int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t cjk = 0, words = 0, run = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        const Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (is_latin(c)) {
            run++;
            continue;
        }
        words += run >= 2;
        run = 0;
        cjk += c >= 0x3400 && is_cjk(c);
    }
    words += run >= 2;
    return Py_BuildValue("(nn)", cjk, words);
}

static PyMethodDef methods[] = {
    {"script_counts", script_counts, METH_O,
     "script_counts(text) -> (CJK characters, Latin words of two or more letters)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "cleaner.classify._scripts",
    "Script counts for language routing in C (the opt-in compiled build); see langid.route.", -1, methods,
    NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__scripts(void) { return PyModule_Create(&module); }
