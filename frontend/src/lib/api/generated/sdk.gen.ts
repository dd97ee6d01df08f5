// Generated from backend/openapi.json by scripts/api-client.mjs (@hey-api/openapi-ts):
// do not edit; run `make frontend-client` (or `make openapi`) instead.

import {
  type Client,
  type Options as Options2,
  type TDataShape,
  urlSearchParamsBodySerializer,
} from "./client";
import { client } from "./client.gen";
import type {
  AccessTokenData,
  AccessTokenErrors,
  AccessTokenResponses,
  CreateItemData,
  CreateItemErrors,
  CreateItemResponses,
  CreateUserData,
  CreateUserErrors,
  CreateUserPrivateData,
  CreateUserPrivateErrors,
  CreateUserPrivateResponses,
  CreateUserResponses,
  DeleteItemData,
  DeleteItemErrors,
  DeleteItemResponses,
  DeleteUserData,
  DeleteUserErrors,
  DeleteUserMeData,
  DeleteUserMeErrors,
  DeleteUserMeResponses,
  DeleteUserResponses,
  HealthCheckData,
  HealthCheckResponses,
  LiveData,
  LiveResponses,
  LogoutData,
  LogoutErrors,
  LogoutResponses,
  ReadItemData,
  ReadItemErrors,
  ReadItemResponses,
  ReadItemsData,
  ReadItemsErrors,
  ReadItemsResponses,
  ReadUserByIdData,
  ReadUserByIdErrors,
  ReadUserByIdResponses,
  ReadUserMeData,
  ReadUserMeErrors,
  ReadUserMeResponses,
  ReadUsersData,
  ReadUsersErrors,
  ReadUsersResponses,
  ReadyData,
  ReadyErrors,
  ReadyResponses,
  RecoverPasswordData,
  RecoverPasswordErrors,
  RecoverPasswordHtmlContentData,
  RecoverPasswordHtmlContentErrors,
  RecoverPasswordHtmlContentResponses,
  RecoverPasswordResponses,
  RefreshData,
  RefreshErrors,
  RefreshResponses,
  RegisterUserData,
  RegisterUserErrors,
  RegisterUserResponses,
  ResetPasswordData,
  ResetPasswordErrors,
  ResetPasswordResponses,
  RevertEmailChangeData,
  RevertEmailChangeErrors,
  RevertEmailChangeResponses,
  TestEmailData,
  TestEmailErrors,
  TestEmailResponses,
  TestTokenData,
  TestTokenErrors,
  TestTokenResponses,
  UpdateItemData,
  UpdateItemErrors,
  UpdateItemResponses,
  UpdatePasswordMeData,
  UpdatePasswordMeErrors,
  UpdatePasswordMeResponses,
  UpdateUserData,
  UpdateUserErrors,
  UpdateUserMeData,
  UpdateUserMeErrors,
  UpdateUserMeResponses,
  UpdateUserResponses,
} from "./types.gen";

export type Options<
  TData extends TDataShape = TDataShape,
  ThrowOnError extends boolean = boolean,
  TResponse = unknown,
> = Options2<TData, ThrowOnError, TResponse> & {
  /**
   * You can provide a client instance returned by `createClient()` instead of
   * individual options. This might be also useful if you want to implement a
   * custom client.
   */
  client?: Client;
  /**
   * You can pass arbitrary values through the `meta` object. This can be
   * used to access values that aren't defined as part of the SDK function.
   */
  meta?: Record<string, unknown>;
};

/**
 * The caller's items (a superuser's: everyone's), newest first.
 */
export const readItems = <ThrowOnError extends boolean = false>(
  options?: Options<ReadItemsData, ThrowOnError>,
) =>
  (options?.client ?? client).get<ReadItemsResponses, ReadItemsErrors, ThrowOnError>({
    security: [{ scheme: "bearer", type: "http" }],
    url: "/api/v1/items",
    ...options,
  });

export const createItem = <ThrowOnError extends boolean = false>(
  options: Options<CreateItemData, ThrowOnError>,
) =>
  (options.client ?? client).post<CreateItemResponses, CreateItemErrors, ThrowOnError>({
    security: [{ scheme: "bearer", type: "http" }],
    url: "/api/v1/items",
    ...options,
    headers: {
      "Content-Type": "application/json",
      ...options.headers,
    },
  });

export const deleteItem = <ThrowOnError extends boolean = false>(
  options: Options<DeleteItemData, ThrowOnError>,
) =>
  (options.client ?? client).delete<DeleteItemResponses, DeleteItemErrors, ThrowOnError>({
    security: [{ scheme: "bearer", type: "http" }],
    url: "/api/v1/items/{id}",
    ...options,
  });

export const readItem = <ThrowOnError extends boolean = false>(
  options: Options<ReadItemData, ThrowOnError>,
) =>
  (options.client ?? client).get<ReadItemResponses, ReadItemErrors, ThrowOnError>({
    security: [{ scheme: "bearer", type: "http" }],
    url: "/api/v1/items/{id}",
    ...options,
  });

export const updateItem = <ThrowOnError extends boolean = false>(
  options: Options<UpdateItemData, ThrowOnError>,
) =>
  (options.client ?? client).put<UpdateItemResponses, UpdateItemErrors, ThrowOnError>({
    security: [{ scheme: "bearer", type: "http" }],
    url: "/api/v1/items/{id}",
    ...options,
    headers: {
      "Content-Type": "application/json",
      ...options.headers,
    },
  });

/**
 * OAuth2-compatible login: an access token for future requests, and a
 * refresh token.
 */
export const accessToken = <ThrowOnError extends boolean = false>(
  options: Options<AccessTokenData, ThrowOnError>,
) =>
  (options.client ?? client).post<AccessTokenResponses, AccessTokenErrors, ThrowOnError>({
    ...urlSearchParamsBodySerializer,
    url: "/api/v1/login/access-token",
    ...options,
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      ...options.headers,
    },
  });

/**
 * Exchanges a refresh token for a new access and refresh token. Each
 * refresh token works once; reusing one ends the whole session.
 */
export const refresh = <ThrowOnError extends boolean = false>(
  options: Options<RefreshData, ThrowOnError>,
) =>
  (options.client ?? client).post<RefreshResponses, RefreshErrors, ThrowOnError>({
    url: "/api/v1/login/refresh",
    ...options,
    headers: {
      "Content-Type": "application/json",
      ...options.headers,
    },
  });

/**
 * Returns the user the access token belongs to.
 */
export const testToken = <ThrowOnError extends boolean = false>(
  options?: Options<TestTokenData, ThrowOnError>,
) =>
  (options?.client ?? client).post<TestTokenResponses, TestTokenErrors, ThrowOnError>({
    security: [{ scheme: "bearer", type: "http" }],
    url: "/api/v1/login/test-token",
    ...options,
  });

/**
 * Ends the session the refresh token belongs to.
 */
export const logout = <ThrowOnError extends boolean = false>(
  options: Options<LogoutData, ThrowOnError>,
) =>
  (options.client ?? client).post<LogoutResponses, LogoutErrors, ThrowOnError>({
    url: "/api/v1/logout",
    ...options,
    headers: {
      "Content-Type": "application/json",
      ...options.headers,
    },
  });

/**
 * The HTML of the recovery email for a user, with a working link (for
 * superusers checking the template).
 */
export const recoverPasswordHtmlContent = <ThrowOnError extends boolean = false>(
  options: Options<RecoverPasswordHtmlContentData, ThrowOnError>,
) =>
  (options.client ?? client).post<
    RecoverPasswordHtmlContentResponses,
    RecoverPasswordHtmlContentErrors,
    ThrowOnError
  >({
    security: [{ scheme: "bearer", type: "http" }],
    url: "/api/v1/password-recovery-html-content/{email}",
    ...options,
  });

/**
 * Emails a password-reset link. The answer (and the work done before it)
 * is the same whether or not the email is registered: the lookup happens
 * in a background job.
 */
export const recoverPassword = <ThrowOnError extends boolean = false>(
  options: Options<RecoverPasswordData, ThrowOnError>,
) =>
  (options.client ?? client).post<RecoverPasswordResponses, RecoverPasswordErrors, ThrowOnError>({
    url: "/api/v1/password-recovery/{email}",
    ...options,
  });

/**
 * Creates a user directly (development only).
 */
export const createUserPrivate = <ThrowOnError extends boolean = false>(
  options: Options<CreateUserPrivateData, ThrowOnError>,
) =>
  (options.client ?? client).post<
    CreateUserPrivateResponses,
    CreateUserPrivateErrors,
    ThrowOnError
  >({
    url: "/api/v1/private/users",
    ...options,
    headers: {
      "Content-Type": "application/json",
      ...options.headers,
    },
  });

/**
 * Sets a new password with the token from a recovery email. The token
 * works once; every session of the user ends.
 */
export const resetPassword = <ThrowOnError extends boolean = false>(
  options: Options<ResetPasswordData, ThrowOnError>,
) =>
  (options.client ?? client).post<ResetPasswordResponses, ResetPasswordErrors, ThrowOnError>({
    url: "/api/v1/reset-password",
    ...options,
    headers: {
      "Content-Type": "application/json",
      ...options.headers,
    },
  });

/**
 * Undoes an email change with the link sent to the old address: the old
 * email comes back with the new password, every session ends and every
 * password-reset link stops working. The link works once.
 */
export const revertEmailChange = <ThrowOnError extends boolean = false>(
  options: Options<RevertEmailChangeData, ThrowOnError>,
) =>
  (options.client ?? client).post<
    RevertEmailChangeResponses,
    RevertEmailChangeErrors,
    ThrowOnError
  >({
    url: "/api/v1/revert-email-change",
    ...options,
    headers: {
      "Content-Type": "application/json",
      ...options.headers,
    },
  });

export const readUsers = <ThrowOnError extends boolean = false>(
  options?: Options<ReadUsersData, ThrowOnError>,
) =>
  (options?.client ?? client).get<ReadUsersResponses, ReadUsersErrors, ThrowOnError>({
    security: [{ scheme: "bearer", type: "http" }],
    url: "/api/v1/users",
    ...options,
  });

export const createUser = <ThrowOnError extends boolean = false>(
  options: Options<CreateUserData, ThrowOnError>,
) =>
  (options.client ?? client).post<CreateUserResponses, CreateUserErrors, ThrowOnError>({
    security: [{ scheme: "bearer", type: "http" }],
    url: "/api/v1/users",
    ...options,
    headers: {
      "Content-Type": "application/json",
      ...options.headers,
    },
  });

/**
 * Deletes the caller's account and items. Superusers cannot.
 */
export const deleteUserMe = <ThrowOnError extends boolean = false>(
  options?: Options<DeleteUserMeData, ThrowOnError>,
) =>
  (options?.client ?? client).delete<DeleteUserMeResponses, DeleteUserMeErrors, ThrowOnError>({
    security: [{ scheme: "bearer", type: "http" }],
    url: "/api/v1/users/me",
    ...options,
  });

export const readUserMe = <ThrowOnError extends boolean = false>(
  options?: Options<ReadUserMeData, ThrowOnError>,
) =>
  (options?.client ?? client).get<ReadUserMeResponses, ReadUserMeErrors, ThrowOnError>({
    security: [{ scheme: "bearer", type: "http" }],
    url: "/api/v1/users/me",
    ...options,
  });

/**
 * Updates the caller's `full_name` and/or `email`. A new email sends the
 * old address a notice with a link that undoes the change
 * (`/revert-email-change`).
 */
export const updateUserMe = <ThrowOnError extends boolean = false>(
  options: Options<UpdateUserMeData, ThrowOnError>,
) =>
  (options.client ?? client).patch<UpdateUserMeResponses, UpdateUserMeErrors, ThrowOnError>({
    security: [{ scheme: "bearer", type: "http" }],
    url: "/api/v1/users/me",
    ...options,
    headers: {
      "Content-Type": "application/json",
      ...options.headers,
    },
  });

/**
 * Changes the caller's password and ends their other sessions. Each
 * attempt counts against a per-user rate limit, since it guesses the
 * current password.
 */
export const updatePasswordMe = <ThrowOnError extends boolean = false>(
  options: Options<UpdatePasswordMeData, ThrowOnError>,
) =>
  (options.client ?? client).patch<UpdatePasswordMeResponses, UpdatePasswordMeErrors, ThrowOnError>(
    {
      security: [{ scheme: "bearer", type: "http" }],
      url: "/api/v1/users/me/password",
      ...options,
      headers: {
        "Content-Type": "application/json",
        ...options.headers,
      },
    },
  );

/**
 * Creates an account without being signed in.
 *
 * No email is sent, unless `SIGNUP_WELCOME_EMAIL` turns the new-account
 * email on.
 */
export const registerUser = <ThrowOnError extends boolean = false>(
  options: Options<RegisterUserData, ThrowOnError>,
) =>
  (options.client ?? client).post<RegisterUserResponses, RegisterUserErrors, ThrowOnError>({
    url: "/api/v1/users/signup",
    ...options,
    headers: {
      "Content-Type": "application/json",
      ...options.headers,
    },
  });

/**
 * Deletes a user and their items. A superuser cannot delete themselves.
 */
export const deleteUser = <ThrowOnError extends boolean = false>(
  options: Options<DeleteUserData, ThrowOnError>,
) =>
  (options.client ?? client).delete<DeleteUserResponses, DeleteUserErrors, ThrowOnError>({
    security: [{ scheme: "bearer", type: "http" }],
    url: "/api/v1/users/{id}",
    ...options,
  });

/**
 * A user by id: one's own record, or any record for a superuser.
 */
export const readUserById = <ThrowOnError extends boolean = false>(
  options: Options<ReadUserByIdData, ThrowOnError>,
) =>
  (options.client ?? client).get<ReadUserByIdResponses, ReadUserByIdErrors, ThrowOnError>({
    security: [{ scheme: "bearer", type: "http" }],
    url: "/api/v1/users/{id}",
    ...options,
  });

/**
 * Updates any user. Deactivating a user or setting their password ends
 * their sessions (access tokens included, for good: reactivating does not
 * revive them); deactivating also cancels their password-reset links. The
 * last active superuser cannot be demoted or deactivated.
 */
export const updateUser = <ThrowOnError extends boolean = false>(
  options: Options<UpdateUserData, ThrowOnError>,
) =>
  (options.client ?? client).patch<UpdateUserResponses, UpdateUserErrors, ThrowOnError>({
    security: [{ scheme: "bearer", type: "http" }],
    url: "/api/v1/users/{id}",
    ...options,
    headers: {
      "Content-Type": "application/json",
      ...options.headers,
    },
  });

/**
 * Liveness check, as in the FastAPI template's API: always `true`. (Sent as
 * JSON; utoipa would document a bare `bool` as text/plain.)
 */
export const healthCheck = <ThrowOnError extends boolean = false>(
  options?: Options<HealthCheckData, ThrowOnError>,
) =>
  (options?.client ?? client).get<HealthCheckResponses, unknown, ThrowOnError>({
    url: "/api/v1/utils/health-check",
    ...options,
  });

/**
 * Queues a test email, to check the SMTP settings end to end.
 */
export const testEmail = <ThrowOnError extends boolean = false>(
  options: Options<TestEmailData, ThrowOnError>,
) =>
  (options.client ?? client).post<TestEmailResponses, TestEmailErrors, ThrowOnError>({
    security: [{ scheme: "bearer", type: "http" }],
    url: "/api/v1/utils/test-email",
    ...options,
  });

export const live = <ThrowOnError extends boolean = false>(
  options?: Options<LiveData, ThrowOnError>,
) =>
  (options?.client ?? client).get<LiveResponses, unknown, ThrowOnError>({
    url: "/health",
    ...options,
  });

/**
 * Ready when PostgreSQL and Redis both answer. (Without Redis requests
 * still work, but slower and with rate limits counted per process: not a
 * healthy state.)
 */
export const ready = <ThrowOnError extends boolean = false>(
  options?: Options<ReadyData, ThrowOnError>,
) =>
  (options?.client ?? client).get<ReadyResponses, ReadyErrors, ThrowOnError>({
    url: "/health/ready",
    ...options,
  });
