// Generated from backend/openapi.json by scripts/api-client.mjs (@hey-api/openapi-ts):
// do not edit; run `make frontend-client` (or `make openapi`) instead.

import * as z from "zod/mini";

export const zChecks = z.object({
  database: z.string(),
  redis: z.string(),
});

export const zEmailChangeRevert = z.object({
  new_password: z.string().check(z.minLength(8), z.maxLength(128)),
  token: z.string(),
});

export const zFieldError = z.object({
  field: z.string(),
  message: z.string(),
});

/**
 * The error body every endpoint may answer with.
 */
export const zErrorBody = z.object({
  detail: z.string(),
  errors: z.optional(z.array(zFieldError)),
  status: z.int().check(z.gte(100), z.lte(599)),
  title: z.string(),
  type: z.string(),
});

export const zHealth = z.object({
  status: z.string(),
});

export const zItemCreate = z.object({
  description: z.nullish(z.string().check(z.maxLength(255), z.regex(/^[^\u0000]*$/))),
  title: z
    .string()
    .check(
      z.minLength(1),
      z.maxLength(255),
      z.regex(
        /^[^\u0000]*[^\u0000\u0009-\u000D \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000][^\u0000]*$/,
      ),
    ),
});

export const zItemPublic = z.object({
  created_at: z.iso.datetime(),
  description: z.nullish(z.string()),
  id: z.uuid(),
  owner_id: z.uuid(),
  title: z.string(),
});

/**
 * Fields to change; absent fields stay as they are.
 */
export const zItemUpdate = z.object({
  description: z.nullish(z.string().check(z.maxLength(255), z.regex(/^[^\u0000]*$/))),
  title: z.nullish(
    z
      .string()
      .check(
        z.minLength(1),
        z.maxLength(255),
        z.regex(
          /^[^\u0000]*[^\u0000\u0009-\u000D \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000][^\u0000]*$/,
        ),
      ),
  ),
});

export const zItemsPublic = z.object({
  count: z.coerce
    .bigint()
    .check(
      z.minimum(BigInt("-9223372036854775808"), {
        error: "Invalid value: Expected int64 to be >= -9223372036854775808",
      }),
      z.maximum(BigInt("9223372036854775807"), {
        error: "Invalid value: Expected int64 to be <= 9223372036854775807",
      }),
    ),
  data: z.array(zItemPublic),
});

/**
 * The OAuth2 password form (`username` is the email).
 */
export const zLoginForm = z.object({
  client_id: z.nullish(z.string()),
  client_secret: z.nullish(z.string()),
  grant_type: z.nullish(z.string().check(z.regex(/^password$/))),
  password: z.string(),
  scope: z.optional(z.string()),
  username: z.string(),
});

/**
 * A plain confirmation, e.g. `{"message": "Item deleted successfully"}`.
 */
export const zMessage = z.object({
  message: z.string(),
});

export const zNewPassword = z.object({
  new_password: z.string().check(z.minLength(8), z.maxLength(128)),
  token: z.string(),
});

export const zPrivateUserCreate = z.object({
  email: z
    .string()
    .check(
      z.maxLength(255),
      z.regex(
        /^[\u0009-\u000D \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*(?:\p{L}|\p{M}|\p{N}|[!#$%&'*+\/=?^_`{|}~-])+(?:\.(?:\p{L}|\p{M}|\p{N}|[!#$%&'*+\/=?^_`{|}~-])+)*@(?:\p{L}|\p{N})(?:(?:\p{L}|\p{M}|\p{N}|-){0,61}(?:\p{L}|\p{M}|\p{N}))?(?:\.(?:\p{L}|\p{N})(?:(?:\p{L}|\p{M}|\p{N}|-){0,61}(?:\p{L}|\p{M}|\p{N}))?)+[\u0009-\u000D \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$/u,
      ),
    ),
  full_name: z.string().check(z.maxLength(255), z.regex(/^[^\u0000]*$/)),
  is_verified: z.optional(z.boolean()),
  password: z.string().check(z.minLength(8), z.maxLength(128)),
});

export const zReadiness = z.object({
  checks: zChecks,
  status: z.string(),
});

export const zRefreshRequest = z.object({
  refresh_token: z.string(),
});

/**
 * The FastAPI template's `Token` (`access_token`, `token_type`) plus the refresh token.
 */
export const zSession = z.object({
  access_token: z.string(),
  expires_in: z.coerce
    .bigint()
    .check(
      z.minimum(BigInt("-9223372036854775808"), {
        error: "Invalid value: Expected int64 to be >= -9223372036854775808",
      }),
      z.maximum(BigInt("9223372036854775807"), {
        error: "Invalid value: Expected int64 to be <= 9223372036854775807",
      }),
    ),
  refresh_token: z.string(),
  token_type: z.string(),
});

export const zUpdatePassword = z.object({
  current_password: z.string(),
  new_password: z.string().check(z.minLength(8), z.maxLength(128)),
});

/**
 * A new user, created by a superuser.
 */
export const zUserCreate = z.object({
  email: z
    .string()
    .check(
      z.maxLength(255),
      z.regex(
        /^[\u0009-\u000D \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*(?:\p{L}|\p{M}|\p{N}|[!#$%&'*+\/=?^_`{|}~-])+(?:\.(?:\p{L}|\p{M}|\p{N}|[!#$%&'*+\/=?^_`{|}~-])+)*@(?:\p{L}|\p{N})(?:(?:\p{L}|\p{M}|\p{N}|-){0,61}(?:\p{L}|\p{M}|\p{N}))?(?:\.(?:\p{L}|\p{N})(?:(?:\p{L}|\p{M}|\p{N}|-){0,61}(?:\p{L}|\p{M}|\p{N}))?)+[\u0009-\u000D \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$/u,
      ),
    ),
  full_name: z.nullish(z.string().check(z.maxLength(255), z.regex(/^[^\u0000]*$/))),
  is_active: z._default(z.optional(z.boolean()), true),
  is_superuser: z.optional(z.boolean()),
  password: z.string().check(z.minLength(8), z.maxLength(128)),
});

export const zUserPublic = z.object({
  created_at: z.iso.datetime(),
  email: z.string(),
  full_name: z.nullish(z.string()),
  id: z.uuid(),
  is_active: z.boolean(),
  is_superuser: z.boolean(),
});

/**
 * Self-service sign-up.
 */
export const zUserRegister = z.object({
  email: z
    .string()
    .check(
      z.maxLength(255),
      z.regex(
        /^[\u0009-\u000D \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*(?:\p{L}|\p{M}|\p{N}|[!#$%&'*+\/=?^_`{|}~-])+(?:\.(?:\p{L}|\p{M}|\p{N}|[!#$%&'*+\/=?^_`{|}~-])+)*@(?:\p{L}|\p{N})(?:(?:\p{L}|\p{M}|\p{N}|-){0,61}(?:\p{L}|\p{M}|\p{N}))?(?:\.(?:\p{L}|\p{N})(?:(?:\p{L}|\p{M}|\p{N}|-){0,61}(?:\p{L}|\p{M}|\p{N}))?)+[\u0009-\u000D \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$/u,
      ),
    ),
  full_name: z.nullish(z.string().check(z.maxLength(255), z.regex(/^[^\u0000]*$/))),
  password: z.string().check(z.minLength(8), z.maxLength(128)),
});

/**
 * Changes to any user, by a superuser.
 */
export const zUserUpdate = z.object({
  email: z.nullish(
    z
      .string()
      .check(
        z.maxLength(255),
        z.regex(
          /^[\u0009-\u000D \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*(?:\p{L}|\p{M}|\p{N}|[!#$%&'*+\/=?^_`{|}~-])+(?:\.(?:\p{L}|\p{M}|\p{N}|[!#$%&'*+\/=?^_`{|}~-])+)*@(?:\p{L}|\p{N})(?:(?:\p{L}|\p{M}|\p{N}|-){0,61}(?:\p{L}|\p{M}|\p{N}))?(?:\.(?:\p{L}|\p{N})(?:(?:\p{L}|\p{M}|\p{N}|-){0,61}(?:\p{L}|\p{M}|\p{N}))?)+[\u0009-\u000D \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$/u,
        ),
      ),
  ),
  full_name: z.nullish(z.string().check(z.maxLength(255), z.regex(/^[^\u0000]*$/))),
  is_active: z.nullish(z.boolean()),
  is_superuser: z.nullish(z.boolean()),
  password: z.nullish(z.string().check(z.minLength(8), z.maxLength(128))),
});

/**
 * Changes to the caller's own profile.
 */
export const zUserUpdateMe = z.object({
  email: z.nullish(
    z
      .string()
      .check(
        z.maxLength(255),
        z.regex(
          /^[\u0009-\u000D \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*(?:\p{L}|\p{M}|\p{N}|[!#$%&'*+\/=?^_`{|}~-])+(?:\.(?:\p{L}|\p{M}|\p{N}|[!#$%&'*+\/=?^_`{|}~-])+)*@(?:\p{L}|\p{N})(?:(?:\p{L}|\p{M}|\p{N}|-){0,61}(?:\p{L}|\p{M}|\p{N}))?(?:\.(?:\p{L}|\p{N})(?:(?:\p{L}|\p{M}|\p{N}|-){0,61}(?:\p{L}|\p{M}|\p{N}))?)+[\u0009-\u000D \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$/u,
        ),
      ),
  ),
  full_name: z.nullish(z.string().check(z.maxLength(255), z.regex(/^[^\u0000]*$/))),
});

export const zUsersPublic = z.object({
  count: z.coerce
    .bigint()
    .check(
      z.minimum(BigInt("-9223372036854775808"), {
        error: "Invalid value: Expected int64 to be >= -9223372036854775808",
      }),
      z.maximum(BigInt("9223372036854775807"), {
        error: "Invalid value: Expected int64 to be <= 9223372036854775807",
      }),
    ),
  data: z.array(zUserPublic),
});

export const zReadItemsQuery = z.object({
  skip: z._default(
    z.optional(
      z.coerce
        .bigint()
        .check(
          z.gte(BigInt(0)),
          z.maximum(BigInt("9223372036854775807"), {
            error: "Invalid value: Expected int64 to be <= 9223372036854775807",
          }),
        ),
    ),
    BigInt(0),
  ),
  limit: z._default(
    z.optional(z.coerce.bigint().check(z.gte(BigInt(0)), z.lte(BigInt(1000)))),
    BigInt(100),
  ),
});

export const zReadItemsResponse = zItemsPublic;

export const zCreateItemBody = zItemCreate;

export const zCreateItemResponse = zItemPublic;

export const zDeleteItemPath = z.object({
  id: z.uuid(),
});

export const zDeleteItemResponse = zMessage;

export const zReadItemPath = z.object({
  id: z.uuid(),
});

export const zReadItemResponse = zItemPublic;

export const zUpdateItemBody = zItemUpdate;

export const zUpdateItemPath = z.object({
  id: z.uuid(),
});

export const zUpdateItemResponse = zItemPublic;

export const zAccessTokenBody = zLoginForm;

export const zAccessTokenResponse = zSession;

export const zRefreshBody = zRefreshRequest;

export const zRefreshResponse = zSession;

export const zTestTokenResponse = zUserPublic;

export const zLogoutBody = zRefreshRequest;

export const zLogoutResponse = zMessage;

export const zRecoverPasswordHtmlContentPath = z.object({
  email: z
    .string()
    .check(
      z.maxLength(255),
      z.regex(
        /^[\u0009-\u000D \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*(?:\p{L}|\p{M}|\p{N}|[!#$%&'*+\/=?^_`{|}~-])+(?:\.(?:\p{L}|\p{M}|\p{N}|[!#$%&'*+\/=?^_`{|}~-])+)*@(?:\p{L}|\p{N})(?:(?:\p{L}|\p{M}|\p{N}|-){0,61}(?:\p{L}|\p{M}|\p{N}))?(?:\.(?:\p{L}|\p{N})(?:(?:\p{L}|\p{M}|\p{N}|-){0,61}(?:\p{L}|\p{M}|\p{N}))?)+[\u0009-\u000D \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$/u,
      ),
    ),
});

export const zRecoverPasswordHtmlContentResponse = z.string();

export const zRecoverPasswordPath = z.object({
  email: z
    .string()
    .check(
      z.maxLength(255),
      z.regex(
        /^[\u0009-\u000D \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*(?:\p{L}|\p{M}|\p{N}|[!#$%&'*+\/=?^_`{|}~-])+(?:\.(?:\p{L}|\p{M}|\p{N}|[!#$%&'*+\/=?^_`{|}~-])+)*@(?:\p{L}|\p{N})(?:(?:\p{L}|\p{M}|\p{N}|-){0,61}(?:\p{L}|\p{M}|\p{N}))?(?:\.(?:\p{L}|\p{N})(?:(?:\p{L}|\p{M}|\p{N}|-){0,61}(?:\p{L}|\p{M}|\p{N}))?)+[\u0009-\u000D \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$/u,
      ),
    ),
});

export const zRecoverPasswordResponse = zMessage;

export const zCreateUserPrivateBody = zPrivateUserCreate;

export const zCreateUserPrivateResponse = zUserPublic;

export const zResetPasswordBody = zNewPassword;

export const zResetPasswordResponse = zMessage;

export const zRevertEmailChangeBody = zEmailChangeRevert;

export const zRevertEmailChangeResponse = zMessage;

export const zReadUsersQuery = z.object({
  skip: z._default(
    z.optional(
      z.coerce
        .bigint()
        .check(
          z.gte(BigInt(0)),
          z.maximum(BigInt("9223372036854775807"), {
            error: "Invalid value: Expected int64 to be <= 9223372036854775807",
          }),
        ),
    ),
    BigInt(0),
  ),
  limit: z._default(
    z.optional(z.coerce.bigint().check(z.gte(BigInt(0)), z.lte(BigInt(1000)))),
    BigInt(100),
  ),
});

export const zReadUsersResponse = zUsersPublic;

export const zCreateUserBody = zUserCreate;

export const zCreateUserResponse = zUserPublic;

export const zDeleteUserMeResponse = zMessage;

export const zReadUserMeResponse = zUserPublic;

export const zUpdateUserMeBody = zUserUpdateMe;

export const zUpdateUserMeResponse = zUserPublic;

export const zUpdatePasswordMeBody = zUpdatePassword;

export const zUpdatePasswordMeResponse = zMessage;

export const zRegisterUserBody = zUserRegister;

export const zRegisterUserResponse = zUserPublic;

export const zDeleteUserPath = z.object({
  id: z.uuid(),
});

export const zDeleteUserResponse = zMessage;

export const zReadUserByIdPath = z.object({
  id: z.uuid(),
});

export const zReadUserByIdResponse = zUserPublic;

export const zUpdateUserBody = zUserUpdate;

export const zUpdateUserPath = z.object({
  id: z.uuid(),
});

export const zUpdateUserResponse = zUserPublic;

export const zHealthCheckResponse = z.boolean();

export const zTestEmailQuery = z.object({
  email_to: z
    .string()
    .check(
      z.maxLength(255),
      z.regex(
        /^[\u0009-\u000D \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*(?:\p{L}|\p{M}|\p{N}|[!#$%&'*+\/=?^_`{|}~-])+(?:\.(?:\p{L}|\p{M}|\p{N}|[!#$%&'*+\/=?^_`{|}~-])+)*@(?:\p{L}|\p{N})(?:(?:\p{L}|\p{M}|\p{N}|-){0,61}(?:\p{L}|\p{M}|\p{N}))?(?:\.(?:\p{L}|\p{N})(?:(?:\p{L}|\p{M}|\p{N}|-){0,61}(?:\p{L}|\p{M}|\p{N}))?)+[\u0009-\u000D \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$/u,
      ),
    ),
});

export const zTestEmailResponse = zMessage;

export const zLiveResponse = zHealth;

export const zReadyResponse = zReadiness;
