/* Backtick code spans in one pass of C: part of the opt-in compiled build.
 *
 * Why: inline._backtick_spans (a match object per backtick run, a dict of
 * per-length lists, bisect) was 4% of the cleaning stages' instructions under
 * callgrind.  This is the same function: the maximal runs of backticks in
 * text[start:end]; an opener preceded by an odd number of backslashes (not
 * looking before start) loses its first backtick; each opener is closed by the
 * next run whose length equals the opener's (unescaped) length, runs being
 * grouped by their original lengths, and scanning resumes after the closer.
 * Finding "the next run of that length" by binary search over the runs sorted
 * by (length, position) keeps it O(n log n) on 100k unmatched backticks.
 * inline._backtick_spans_by_regex stays the definition;
 * tests/cleaner/segment/test_backticks_native.py holds the two equal.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdlib.h>

typedef struct {
    Py_ssize_t len;
    Py_ssize_t idx;
} Key;

static int by_len_then_idx(const void *a, const void *b) {
    const Key *x = a, *y = b;
    if (x->len != y->len) return x->len < y->len ? -1 : 1;
    return x->idx < y->idx ? -1 : (x->idx > y->idx);
}

/* Index of the first run after run i whose length is len, or -1. */
static Py_ssize_t next_same(const Key *keys, Py_ssize_t n, Py_ssize_t len, Py_ssize_t i) {
    Py_ssize_t lo = 0, hi = n;
    while (lo < hi) { /* first key > (len, i) */
        Py_ssize_t mid = lo + (hi - lo) / 2;
        if (keys[mid].len < len || (keys[mid].len == len && keys[mid].idx <= i)) lo = mid + 1;
        else hi = mid;
    }
    return lo < n && keys[lo].len == len ? keys[lo].idx : -1;
}

static PyObject *backtick_spans(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    (void)module;
    if (nargs != 3 || !PyUnicode_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "backtick_spans() takes a str, a start and an end");
        return NULL;
    }
    PyObject *text = args[0];
    if (PyUnicode_READY(text) < 0) return NULL;
    const Py_ssize_t size = PyUnicode_GET_LENGTH(text);
    Py_ssize_t start = PyLong_AsSsize_t(args[1]);
    if (start == -1 && PyErr_Occurred()) return NULL;
    Py_ssize_t end = PyLong_AsSsize_t(args[2]);
    if (end == -1 && PyErr_Occurred()) return NULL;
    if (start < 0 || end > size || start > end) {
        PyErr_SetString(PyExc_ValueError, "backtick_spans(): need 0 <= start <= end <= len(text)");
        return NULL;
    }
    const int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
#define AT(i) PyUnicode_READ(kind, data, (i))
    PyObject *out = PyList_New(0);
    if (out == NULL) return NULL;
    Py_ssize_t cap = 0, n = 0;
    for (Py_ssize_t i = start; i < end; i++) cap += AT(i) == '`' && (i == start || AT(i - 1) != '`');
    if (cap == 0) return out;
    Py_ssize_t *rs = PyMem_Malloc(sizeof(Py_ssize_t) * (size_t)cap * 2);
    Key *keys = PyMem_Malloc(sizeof(Key) * (size_t)cap);
    if (rs == NULL || keys == NULL) {
        PyMem_Free(rs);
        PyMem_Free(keys);
        Py_DECREF(out);
        return PyErr_NoMemory();
    }
    Py_ssize_t *re = rs + cap;
    for (Py_ssize_t i = start; i < end;) {
        if (AT(i) != '`') {
            i++;
            continue;
        }
        Py_ssize_t j = i + 1;
        while (j < end && AT(j) == '`') j++;
        rs[n] = i;
        re[n] = j;
        keys[n].len = j - i;
        keys[n].idx = n;
        n++;
        i = j;
    }
    qsort(keys, (size_t)n, sizeof(Key), by_len_then_idx);
    for (Py_ssize_t i = 0; i < n;) {
        Py_ssize_t s = rs[i];
        Py_ssize_t backslashes = 0;
        while (s - backslashes - 1 >= start && AT(s - backslashes - 1) == '\\') backslashes++;
        if (backslashes % 2 == 1) s++;
        Py_ssize_t len = re[i] - s;
        Py_ssize_t j = len ? next_same(keys, n, len, i) : -1;
        if (j < 0) {
            i++;
            continue;
        }
        PyObject *span = Py_BuildValue("(nn)", s, re[j]);
        if (span == NULL || PyList_Append(out, span) < 0) {
            Py_XDECREF(span);
            PyMem_Free(rs);
            PyMem_Free(keys);
            Py_DECREF(out);
            return NULL;
        }
        Py_DECREF(span);
        i = j + 1;
    }
#undef AT
    PyMem_Free(rs);
    PyMem_Free(keys);
    return out;
}

static PyMethodDef methods[] = {
    {"backtick_spans", (PyCFunction)(void (*)(void))backtick_spans, METH_FASTCALL,
     "backtick_spans(text, start, end) -> list[tuple[int, int]]: inline._backtick_spans."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "cleaner.segment._backticks",
    "Backtick code spans in C (the opt-in compiled build); see inline._backtick_spans.", -1, methods,
    NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__backticks(void) { return PyModule_Create(&module); }
