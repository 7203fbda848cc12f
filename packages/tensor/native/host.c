/*
 * A Node-API addon for what JavaScript cannot do with host memory:
 *
 *   mallopt(param, value)   glibc's allocator tuning (see src/memory.ts for why);
 *   address(typedArray)     the address of a typed array's first byte;
 *   copy2d(dst, dstStride, src, srcStride, rows, rowBytes)
 *                           memcpy of `rows` rows between two addresses;
 *   hugepages(typedArray)   madvise(MADV_HUGEPAGE) over the 2 MiB pages inside
 *                           the array's bytes (src/memory.ts: first touches).
 *
 * address/copy2d let the matmul worker thread copy its operand rows straight
 * out of the caller's tensors and its result rows straight into the output
 * (src/kernels/wasm-threads.ts): in a shared WebAssembly memory, lines one core
 * writes and the other reads cost ~3x a plain copy to write again on these VMs.
 * The caller passes addresses only of arrays it holds for the whole call; the
 * bounds are checked in TypeScript before any address is handed out.
 *
 * Only the handful of Node-API declarations it needs are written out here
 * (they are part of Node's stable ABI, NAPI_VERSION 1), so building needs no
 * Node headers: build.sh compiles this file with Debian's clang-16 alone.
 */
#include <errno.h>
#include <malloc.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

typedef struct napi_env__ *napi_env;
typedef struct napi_value__ *napi_value;
typedef struct napi_callback_info__ *napi_callback_info;
typedef int napi_status; /* napi_ok == 0 */
typedef napi_value (*napi_callback)(napi_env env, napi_callback_info info);

napi_status napi_get_cb_info(napi_env env, napi_callback_info info, size_t *argc, napi_value *argv,
                             napi_value *this_arg, void **data);
napi_status napi_get_value_int64(napi_env env, napi_value value, int64_t *result);
napi_status napi_get_value_double(napi_env env, napi_value value, double *result);
napi_status napi_create_int32(napi_env env, int32_t value, napi_value *result);
napi_status napi_create_double(napi_env env, double value, napi_value *result);
napi_status napi_create_function(napi_env env, const char *utf8name, size_t length, napi_callback cb,
                                 void *data, napi_value *result);
napi_status napi_set_named_property(napi_env env, napi_value object, const char *utf8name, napi_value value);
napi_status napi_throw_type_error(napi_env env, const char *code, const char *msg);
napi_status napi_is_typedarray(napi_env env, napi_value value, _Bool *result);
/* The type is an enum (napi_typedarray_type); only its size matters here. */
napi_status napi_get_typedarray_info(napi_env env, napi_value typedarray, int *type, size_t *length, void **data,
                                     napi_value *arraybuffer, size_t *byte_offset);

/* mallopt(param: number, value: number): number -- glibc's result, 1 on success. */
static napi_value js_mallopt(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  int64_t param, value;
  napi_value result;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != 0 || argc != 2 ||
      napi_get_value_int64(env, argv[0], &param) != 0 || napi_get_value_int64(env, argv[1], &value) != 0 ||
      value < 0 || value > INT32_MAX) {
    napi_throw_type_error(env, NULL, "mallopt(param, value): two integers, value in [0, 2^31)");
    return NULL;
  }
  napi_create_int32(env, mallopt((int)param, (int)value), &result);
  return result;
}

/* address(a: TypedArray): number -- where a[0] is (x64 user addresses fit a double exactly). */
static napi_value js_address(napi_env env, napi_callback_info info) {
  size_t argc = 1, length;
  napi_value argv[1], result;
  _Bool is = 0;
  int type;
  void *data = NULL;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != 0 || argc != 1 ||
      napi_is_typedarray(env, argv[0], &is) != 0 || !is ||
      napi_get_typedarray_info(env, argv[0], &type, &length, &data, NULL, NULL) != 0) {
    napi_throw_type_error(env, NULL, "address(a): a typed array");
    return NULL;
  }
  napi_create_double(env, (double)(uintptr_t)data, &result);
  return result;
}

/* copy2d(dst, dstStride, src, srcStride, rows, rowBytes): addresses and byte counts as numbers. */
static napi_value js_copy2d(napi_env env, napi_callback_info info) {
  size_t argc = 6;
  napi_value argv[6];
  int64_t v[6];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != 0 || argc != 6) goto bad;
  for (int i = 0; i < 6; i++)
    if (napi_get_value_int64(env, argv[i], &v[i]) != 0 || v[i] < 0) goto bad;
  if ((v[0] == 0 || v[2] == 0) && v[4] > 0 && v[5] > 0) goto bad;
  {
    char *dst = (char *)(uintptr_t)v[0];
    const char *src = (const char *)(uintptr_t)v[2];
    if (v[1] == v[5] && v[3] == v[5]) {
      memcpy(dst, src, (size_t)(v[4] * v[5])); /* both dense: one copy */
    } else {
      for (int64_t r = 0; r < v[4]; r++) memcpy(dst + r * v[1], src + r * v[3], (size_t)v[5]);
    }
  }
  return NULL;
bad:
  napi_throw_type_error(env, NULL, "copy2d(dst, dstStride, src, srcStride, rows, rowBytes): non-negative integers");
  return NULL;
}

/*
 * hugepages(a: TypedArray): number -- asks the kernel to back the 2 MiB-aligned
 * pages inside a's bytes with transparent huge pages (MADV_HUGEPAGE; Linux's
 * default THP mode "madvise" gives them only to such ranges). Returns the bytes
 * advised (0 when the array spans no whole 2 MiB page), or -errno.
 */
static napi_value js_hugepages(napi_env env, napi_callback_info info) {
  static const size_t item[] = {1, 1, 1, 2, 2, 4, 4, 4, 8, 8, 8}; /* napi_typedarray_type order */
  size_t argc = 1, length;
  napi_value argv[1], result;
  _Bool is = 0;
  int type;
  void *data = NULL;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != 0 || argc != 1 ||
      napi_is_typedarray(env, argv[0], &is) != 0 || !is ||
      napi_get_typedarray_info(env, argv[0], &type, &length, &data, NULL, NULL) != 0 || type < 0 || type > 10) {
    napi_throw_type_error(env, NULL, "hugepages(a): a typed array");
    return NULL;
  }
  const uintptr_t huge = (uintptr_t)2 << 20;
  uintptr_t start = ((uintptr_t)data + huge - 1) & ~(huge - 1);
  uintptr_t end = ((uintptr_t)data + length * item[type]) & ~(huge - 1);
  double advised = 0;
  if (data != NULL && end > start) advised = madvise((void *)start, end - start, MADV_HUGEPAGE) == 0 ? (double)(end - start) : -(double)errno;
  napi_create_double(env, advised, &result);
  return result;
}

static int add(napi_env env, napi_value exports, const char *name, size_t len, napi_callback cb) {
  napi_value fn;
  return napi_create_function(env, name, len, cb, NULL, &fn) == 0 && napi_set_named_property(env, exports, name, fn) == 0;
}

napi_value napi_register_module_v1(napi_env env, napi_value exports) {
  if (!add(env, exports, "mallopt", 7, js_mallopt) || !add(env, exports, "address", 7, js_address) ||
      !add(env, exports, "copy2d", 6, js_copy2d) || !add(env, exports, "hugepages", 9, js_hugepages))
    return NULL;
  return exports;
}
