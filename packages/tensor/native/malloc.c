/*
 * A Node-API addon with one function, mallopt(param, value), so that torchts
 * can tell glibc to keep freed memory for reuse (see src/kernels/malloc.ts
 * for why and when it is called).
 *
 * Only the handful of Node-API declarations it needs are written out here
 * (they are part of Node's stable ABI, NAPI_VERSION 1), so building needs no
 * Node headers: build.sh compiles this file with Debian's clang-16 alone.
 */
#include <malloc.h>
#include <stddef.h>
#include <stdint.h>

typedef struct napi_env__ *napi_env;
typedef struct napi_value__ *napi_value;
typedef struct napi_callback_info__ *napi_callback_info;
typedef int napi_status; /* napi_ok == 0 */
typedef napi_value (*napi_callback)(napi_env env, napi_callback_info info);

napi_status napi_get_cb_info(napi_env env, napi_callback_info info, size_t *argc, napi_value *argv,
                             napi_value *this_arg, void **data);
napi_status napi_get_value_int64(napi_env env, napi_value value, int64_t *result);
napi_status napi_create_int32(napi_env env, int32_t value, napi_value *result);
napi_status napi_create_function(napi_env env, const char *utf8name, size_t length, napi_callback cb,
                                 void *data, napi_value *result);
napi_status napi_set_named_property(napi_env env, napi_value object, const char *utf8name, napi_value value);
napi_status napi_throw_type_error(napi_env env, const char *code, const char *msg);

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

napi_value napi_register_module_v1(napi_env env, napi_value exports) {
  napi_value fn;
  if (napi_create_function(env, "mallopt", 7, js_mallopt, NULL, &fn) != 0) return NULL;
  if (napi_set_named_property(env, exports, "mallopt", fn) != 0) return NULL;
  return exports;
}

