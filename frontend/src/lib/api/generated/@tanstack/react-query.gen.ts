// Generated from backend/openapi.json by scripts/api-client.mjs (@hey-api/openapi-ts):
// do not edit; run `make frontend-client` (or `make openapi`) instead.

import { type DefaultError, queryOptions, type UseMutationOptions } from "@tanstack/react-query";

import { client } from "../client.gen";
import {
  accessToken,
  createItem,
  createUser,
  createUserPrivate,
  deleteItem,
  deleteUser,
  deleteUserMe,
  healthCheck,
  live,
  logout,
  type Options,
  readItem,
  readItems,
  readUserById,
  readUserMe,
  readUsers,
  ready,
  recoverPassword,
  recoverPasswordHtmlContent,
  refresh,
  registerUser,
  resetPassword,
  revertEmailChange,
  testEmail,
  testToken,
  updateItem,
  updatePasswordMe,
  updateUser,
  updateUserMe,
} from "../sdk.gen";
import type {
  AccessTokenData,
  AccessTokenError,
  AccessTokenResponse,
  CreateItemData,
  CreateItemError,
  CreateItemResponse,
  CreateUserData,
  CreateUserError,
  CreateUserPrivateData,
  CreateUserPrivateError,
  CreateUserPrivateResponse,
  CreateUserResponse,
  DeleteItemData,
  DeleteItemError,
  DeleteItemResponse,
  DeleteUserData,
  DeleteUserError,
  DeleteUserMeData,
  DeleteUserMeError,
  DeleteUserMeResponse,
  DeleteUserResponse,
  HealthCheckData,
  HealthCheckResponse,
  LiveData,
  LiveResponse,
  LogoutData,
  LogoutError,
  LogoutResponse,
  ReadItemData,
  ReadItemError,
  ReadItemResponse,
  ReadItemsData,
  ReadItemsError,
  ReadItemsResponse,
  ReadUserByIdData,
  ReadUserByIdError,
  ReadUserByIdResponse,
  ReadUserMeData,
  ReadUserMeError,
  ReadUserMeResponse,
  ReadUsersData,
  ReadUsersError,
  ReadUsersResponse,
  ReadyData,
  ReadyError,
  ReadyResponse,
  RecoverPasswordData,
  RecoverPasswordError,
  RecoverPasswordHtmlContentData,
  RecoverPasswordHtmlContentError,
  RecoverPasswordHtmlContentResponse,
  RecoverPasswordResponse,
  RefreshData,
  RefreshError,
  RefreshResponse,
  RegisterUserData,
  RegisterUserError,
  RegisterUserResponse,
  ResetPasswordData,
  ResetPasswordError,
  ResetPasswordResponse,
  RevertEmailChangeData,
  RevertEmailChangeError,
  RevertEmailChangeResponse,
  TestEmailData,
  TestEmailError,
  TestEmailResponse,
  TestTokenData,
  TestTokenError,
  TestTokenResponse,
  UpdateItemData,
  UpdateItemError,
  UpdateItemResponse,
  UpdatePasswordMeData,
  UpdatePasswordMeError,
  UpdatePasswordMeResponse,
  UpdateUserData,
  UpdateUserError,
  UpdateUserMeData,
  UpdateUserMeError,
  UpdateUserMeResponse,
  UpdateUserResponse,
} from "../types.gen";

export type QueryKey<TOptions extends Options> = [
  Pick<TOptions, "baseUrl" | "body" | "headers" | "path" | "query"> & {
    _id: string;
    _infinite?: boolean;
    tags?: ReadonlyArray<string>;
  },
];

const createQueryKey = <TOptions extends Options>(
  id: string,
  options?: TOptions,
  infinite?: boolean,
  tags?: ReadonlyArray<string>,
): [QueryKey<TOptions>[0]] => {
  const params: QueryKey<TOptions>[0] = {
    _id: id,
    baseUrl: options?.baseUrl || (options?.client ?? client).getConfig().baseUrl,
  } as QueryKey<TOptions>[0];
  if (infinite) {
    params._infinite = infinite;
  }
  if (tags) {
    params.tags = tags;
  }
  if (options?.body) {
    params.body = options.body;
  }
  if (options?.headers) {
    params.headers = options.headers;
  }
  if (options?.path) {
    params.path = options.path;
  }
  if (options?.query) {
    params.query = options.query;
  }
  return [params];
};

export const readItemsQueryKey = (options?: Options<ReadItemsData>) =>
  createQueryKey("readItems", options);

/**
 * The caller's items (a superuser's: everyone's), newest first.
 */
export const readItemsOptions = (options?: Options<ReadItemsData>) =>
  queryOptions<
    ReadItemsResponse,
    ReadItemsError,
    ReadItemsResponse,
    ReturnType<typeof readItemsQueryKey>
  >({
    queryFn: async ({ queryKey, signal }) => {
      const { data } = await readItems({
        ...options,
        ...queryKey[0],
        signal,
        throwOnError: true,
      });
      return data;
    },
    queryKey: readItemsQueryKey(options),
  });

export const createItemMutation = (
  options?: Partial<Options<CreateItemData>>,
): UseMutationOptions<CreateItemResponse, CreateItemError, Options<CreateItemData>> => {
  const mutationOptions: UseMutationOptions<
    CreateItemResponse,
    CreateItemError,
    Options<CreateItemData>
  > = {
    mutationFn: async (fnOptions) => {
      const { data } = await createItem({
        ...options,
        ...fnOptions,
        throwOnError: true,
      });
      return data;
    },
  };
  return mutationOptions;
};

export const deleteItemMutation = (
  options?: Partial<Options<DeleteItemData>>,
): UseMutationOptions<DeleteItemResponse, DeleteItemError, Options<DeleteItemData>> => {
  const mutationOptions: UseMutationOptions<
    DeleteItemResponse,
    DeleteItemError,
    Options<DeleteItemData>
  > = {
    mutationFn: async (fnOptions) => {
      const { data } = await deleteItem({
        ...options,
        ...fnOptions,
        throwOnError: true,
      });
      return data;
    },
  };
  return mutationOptions;
};

export const readItemQueryKey = (options: Options<ReadItemData>) =>
  createQueryKey("readItem", options);

export const readItemOptions = (options: Options<ReadItemData>) =>
  queryOptions<
    ReadItemResponse,
    ReadItemError,
    ReadItemResponse,
    ReturnType<typeof readItemQueryKey>
  >({
    queryFn: async ({ queryKey, signal }) => {
      const { data } = await readItem({
        ...options,
        ...queryKey[0],
        signal,
        throwOnError: true,
      });
      return data;
    },
    queryKey: readItemQueryKey(options),
  });

export const updateItemMutation = (
  options?: Partial<Options<UpdateItemData>>,
): UseMutationOptions<UpdateItemResponse, UpdateItemError, Options<UpdateItemData>> => {
  const mutationOptions: UseMutationOptions<
    UpdateItemResponse,
    UpdateItemError,
    Options<UpdateItemData>
  > = {
    mutationFn: async (fnOptions) => {
      const { data } = await updateItem({
        ...options,
        ...fnOptions,
        throwOnError: true,
      });
      return data;
    },
  };
  return mutationOptions;
};

/**
 * OAuth2-compatible login: an access token for future requests, and a
 * refresh token.
 */
export const accessTokenMutation = (
  options?: Partial<Options<AccessTokenData>>,
): UseMutationOptions<AccessTokenResponse, AccessTokenError, Options<AccessTokenData>> => {
  const mutationOptions: UseMutationOptions<
    AccessTokenResponse,
    AccessTokenError,
    Options<AccessTokenData>
  > = {
    mutationFn: async (fnOptions) => {
      const { data } = await accessToken({
        ...options,
        ...fnOptions,
        throwOnError: true,
      });
      return data;
    },
  };
  return mutationOptions;
};

/**
 * Exchanges a refresh token for a new access and refresh token. Each
 * refresh token works once; reusing one ends the whole session.
 */
export const refreshMutation = (
  options?: Partial<Options<RefreshData>>,
): UseMutationOptions<RefreshResponse, RefreshError, Options<RefreshData>> => {
  const mutationOptions: UseMutationOptions<RefreshResponse, RefreshError, Options<RefreshData>> = {
    mutationFn: async (fnOptions) => {
      const { data } = await refresh({
        ...options,
        ...fnOptions,
        throwOnError: true,
      });
      return data;
    },
  };
  return mutationOptions;
};

/**
 * Returns the user the access token belongs to.
 */
export const testTokenMutation = (
  options?: Partial<Options<TestTokenData>>,
): UseMutationOptions<TestTokenResponse, TestTokenError, Options<TestTokenData>> => {
  const mutationOptions: UseMutationOptions<
    TestTokenResponse,
    TestTokenError,
    Options<TestTokenData>
  > = {
    mutationFn: async (fnOptions) => {
      const { data } = await testToken({
        ...options,
        ...fnOptions,
        throwOnError: true,
      });
      return data;
    },
  };
  return mutationOptions;
};

/**
 * Ends the session the refresh token belongs to.
 */
export const logoutMutation = (
  options?: Partial<Options<LogoutData>>,
): UseMutationOptions<LogoutResponse, LogoutError, Options<LogoutData>> => {
  const mutationOptions: UseMutationOptions<LogoutResponse, LogoutError, Options<LogoutData>> = {
    mutationFn: async (fnOptions) => {
      const { data } = await logout({
        ...options,
        ...fnOptions,
        throwOnError: true,
      });
      return data;
    },
  };
  return mutationOptions;
};

/**
 * The HTML of the recovery email for a user, with a working link (for
 * superusers checking the template).
 */
export const recoverPasswordHtmlContentMutation = (
  options?: Partial<Options<RecoverPasswordHtmlContentData>>,
): UseMutationOptions<
  RecoverPasswordHtmlContentResponse,
  RecoverPasswordHtmlContentError,
  Options<RecoverPasswordHtmlContentData>
> => {
  const mutationOptions: UseMutationOptions<
    RecoverPasswordHtmlContentResponse,
    RecoverPasswordHtmlContentError,
    Options<RecoverPasswordHtmlContentData>
  > = {
    mutationFn: async (fnOptions) => {
      const { data } = await recoverPasswordHtmlContent({
        ...options,
        ...fnOptions,
        throwOnError: true,
      });
      return data;
    },
  };
  return mutationOptions;
};

/**
 * Emails a password-reset link. The answer (and the work done before it)
 * is the same whether or not the email is registered: the lookup happens
 * in a background job.
 */
export const recoverPasswordMutation = (
  options?: Partial<Options<RecoverPasswordData>>,
): UseMutationOptions<
  RecoverPasswordResponse,
  RecoverPasswordError,
  Options<RecoverPasswordData>
> => {
  const mutationOptions: UseMutationOptions<
    RecoverPasswordResponse,
    RecoverPasswordError,
    Options<RecoverPasswordData>
  > = {
    mutationFn: async (fnOptions) => {
      const { data } = await recoverPassword({
        ...options,
        ...fnOptions,
        throwOnError: true,
      });
      return data;
    },
  };
  return mutationOptions;
};

/**
 * Creates a user directly (development only).
 */
export const createUserPrivateMutation = (
  options?: Partial<Options<CreateUserPrivateData>>,
): UseMutationOptions<
  CreateUserPrivateResponse,
  CreateUserPrivateError,
  Options<CreateUserPrivateData>
> => {
  const mutationOptions: UseMutationOptions<
    CreateUserPrivateResponse,
    CreateUserPrivateError,
    Options<CreateUserPrivateData>
  > = {
    mutationFn: async (fnOptions) => {
      const { data } = await createUserPrivate({
        ...options,
        ...fnOptions,
        throwOnError: true,
      });
      return data;
    },
  };
  return mutationOptions;
};

/**
 * Sets a new password with the token from a recovery email. The token
 * works once; every session of the user ends.
 */
export const resetPasswordMutation = (
  options?: Partial<Options<ResetPasswordData>>,
): UseMutationOptions<ResetPasswordResponse, ResetPasswordError, Options<ResetPasswordData>> => {
  const mutationOptions: UseMutationOptions<
    ResetPasswordResponse,
    ResetPasswordError,
    Options<ResetPasswordData>
  > = {
    mutationFn: async (fnOptions) => {
      const { data } = await resetPassword({
        ...options,
        ...fnOptions,
        throwOnError: true,
      });
      return data;
    },
  };
  return mutationOptions;
};

/**
 * Undoes an email change with the link sent to the old address: the old
 * email comes back with the new password, every session ends and every
 * password-reset link stops working. The link works once.
 */
export const revertEmailChangeMutation = (
  options?: Partial<Options<RevertEmailChangeData>>,
): UseMutationOptions<
  RevertEmailChangeResponse,
  RevertEmailChangeError,
  Options<RevertEmailChangeData>
> => {
  const mutationOptions: UseMutationOptions<
    RevertEmailChangeResponse,
    RevertEmailChangeError,
    Options<RevertEmailChangeData>
  > = {
    mutationFn: async (fnOptions) => {
      const { data } = await revertEmailChange({
        ...options,
        ...fnOptions,
        throwOnError: true,
      });
      return data;
    },
  };
  return mutationOptions;
};

export const readUsersQueryKey = (options?: Options<ReadUsersData>) =>
  createQueryKey("readUsers", options);

export const readUsersOptions = (options?: Options<ReadUsersData>) =>
  queryOptions<
    ReadUsersResponse,
    ReadUsersError,
    ReadUsersResponse,
    ReturnType<typeof readUsersQueryKey>
  >({
    queryFn: async ({ queryKey, signal }) => {
      const { data } = await readUsers({
        ...options,
        ...queryKey[0],
        signal,
        throwOnError: true,
      });
      return data;
    },
    queryKey: readUsersQueryKey(options),
  });

export const createUserMutation = (
  options?: Partial<Options<CreateUserData>>,
): UseMutationOptions<CreateUserResponse, CreateUserError, Options<CreateUserData>> => {
  const mutationOptions: UseMutationOptions<
    CreateUserResponse,
    CreateUserError,
    Options<CreateUserData>
  > = {
    mutationFn: async (fnOptions) => {
      const { data } = await createUser({
        ...options,
        ...fnOptions,
        throwOnError: true,
      });
      return data;
    },
  };
  return mutationOptions;
};

/**
 * Deletes the caller's account and items. Superusers cannot.
 */
export const deleteUserMeMutation = (
  options?: Partial<Options<DeleteUserMeData>>,
): UseMutationOptions<DeleteUserMeResponse, DeleteUserMeError, Options<DeleteUserMeData>> => {
  const mutationOptions: UseMutationOptions<
    DeleteUserMeResponse,
    DeleteUserMeError,
    Options<DeleteUserMeData>
  > = {
    mutationFn: async (fnOptions) => {
      const { data } = await deleteUserMe({
        ...options,
        ...fnOptions,
        throwOnError: true,
      });
      return data;
    },
  };
  return mutationOptions;
};

export const readUserMeQueryKey = (options?: Options<ReadUserMeData>) =>
  createQueryKey("readUserMe", options);

export const readUserMeOptions = (options?: Options<ReadUserMeData>) =>
  queryOptions<
    ReadUserMeResponse,
    ReadUserMeError,
    ReadUserMeResponse,
    ReturnType<typeof readUserMeQueryKey>
  >({
    queryFn: async ({ queryKey, signal }) => {
      const { data } = await readUserMe({
        ...options,
        ...queryKey[0],
        signal,
        throwOnError: true,
      });
      return data;
    },
    queryKey: readUserMeQueryKey(options),
  });

/**
 * Updates the caller's `full_name` and/or `email`. A new email sends the
 * old address a notice with a link that undoes the change
 * (`/revert-email-change`).
 */
export const updateUserMeMutation = (
  options?: Partial<Options<UpdateUserMeData>>,
): UseMutationOptions<UpdateUserMeResponse, UpdateUserMeError, Options<UpdateUserMeData>> => {
  const mutationOptions: UseMutationOptions<
    UpdateUserMeResponse,
    UpdateUserMeError,
    Options<UpdateUserMeData>
  > = {
    mutationFn: async (fnOptions) => {
      const { data } = await updateUserMe({
        ...options,
        ...fnOptions,
        throwOnError: true,
      });
      return data;
    },
  };
  return mutationOptions;
};

/**
 * Changes the caller's password and ends their other sessions. Each
 * attempt counts against a per-user rate limit, since it guesses the
 * current password.
 */
export const updatePasswordMeMutation = (
  options?: Partial<Options<UpdatePasswordMeData>>,
): UseMutationOptions<
  UpdatePasswordMeResponse,
  UpdatePasswordMeError,
  Options<UpdatePasswordMeData>
> => {
  const mutationOptions: UseMutationOptions<
    UpdatePasswordMeResponse,
    UpdatePasswordMeError,
    Options<UpdatePasswordMeData>
  > = {
    mutationFn: async (fnOptions) => {
      const { data } = await updatePasswordMe({
        ...options,
        ...fnOptions,
        throwOnError: true,
      });
      return data;
    },
  };
  return mutationOptions;
};

/**
 * Creates an account without being signed in.
 *
 * No email is sent, unless `SIGNUP_WELCOME_EMAIL` turns the new-account
 * email on.
 */
export const registerUserMutation = (
  options?: Partial<Options<RegisterUserData>>,
): UseMutationOptions<RegisterUserResponse, RegisterUserError, Options<RegisterUserData>> => {
  const mutationOptions: UseMutationOptions<
    RegisterUserResponse,
    RegisterUserError,
    Options<RegisterUserData>
  > = {
    mutationFn: async (fnOptions) => {
      const { data } = await registerUser({
        ...options,
        ...fnOptions,
        throwOnError: true,
      });
      return data;
    },
  };
  return mutationOptions;
};

/**
 * Deletes a user and their items. A superuser cannot delete themselves.
 */
export const deleteUserMutation = (
  options?: Partial<Options<DeleteUserData>>,
): UseMutationOptions<DeleteUserResponse, DeleteUserError, Options<DeleteUserData>> => {
  const mutationOptions: UseMutationOptions<
    DeleteUserResponse,
    DeleteUserError,
    Options<DeleteUserData>
  > = {
    mutationFn: async (fnOptions) => {
      const { data } = await deleteUser({
        ...options,
        ...fnOptions,
        throwOnError: true,
      });
      return data;
    },
  };
  return mutationOptions;
};

export const readUserByIdQueryKey = (options: Options<ReadUserByIdData>) =>
  createQueryKey("readUserById", options);

/**
 * A user by id: one's own record, or any record for a superuser.
 */
export const readUserByIdOptions = (options: Options<ReadUserByIdData>) =>
  queryOptions<
    ReadUserByIdResponse,
    ReadUserByIdError,
    ReadUserByIdResponse,
    ReturnType<typeof readUserByIdQueryKey>
  >({
    queryFn: async ({ queryKey, signal }) => {
      const { data } = await readUserById({
        ...options,
        ...queryKey[0],
        signal,
        throwOnError: true,
      });
      return data;
    },
    queryKey: readUserByIdQueryKey(options),
  });

/**
 * Updates any user. Deactivating a user or setting their password ends
 * their sessions (access tokens included, for good: reactivating does not
 * revive them); deactivating also cancels their password-reset links. The
 * last active superuser cannot be demoted or deactivated.
 */
export const updateUserMutation = (
  options?: Partial<Options<UpdateUserData>>,
): UseMutationOptions<UpdateUserResponse, UpdateUserError, Options<UpdateUserData>> => {
  const mutationOptions: UseMutationOptions<
    UpdateUserResponse,
    UpdateUserError,
    Options<UpdateUserData>
  > = {
    mutationFn: async (fnOptions) => {
      const { data } = await updateUser({
        ...options,
        ...fnOptions,
        throwOnError: true,
      });
      return data;
    },
  };
  return mutationOptions;
};

export const healthCheckQueryKey = (options?: Options<HealthCheckData>) =>
  createQueryKey("healthCheck", options);

/**
 * Liveness check, as in the FastAPI template's API: always `true`. (Sent as
 * JSON; utoipa would document a bare `bool` as text/plain.)
 */
export const healthCheckOptions = (options?: Options<HealthCheckData>) =>
  queryOptions<
    HealthCheckResponse,
    DefaultError,
    HealthCheckResponse,
    ReturnType<typeof healthCheckQueryKey>
  >({
    queryFn: async ({ queryKey, signal }) => {
      const { data } = await healthCheck({
        ...options,
        ...queryKey[0],
        signal,
        throwOnError: true,
      });
      return data;
    },
    queryKey: healthCheckQueryKey(options),
  });

/**
 * Queues a test email, to check the SMTP settings end to end.
 */
export const testEmailMutation = (
  options?: Partial<Options<TestEmailData>>,
): UseMutationOptions<TestEmailResponse, TestEmailError, Options<TestEmailData>> => {
  const mutationOptions: UseMutationOptions<
    TestEmailResponse,
    TestEmailError,
    Options<TestEmailData>
  > = {
    mutationFn: async (fnOptions) => {
      const { data } = await testEmail({
        ...options,
        ...fnOptions,
        throwOnError: true,
      });
      return data;
    },
  };
  return mutationOptions;
};

export const liveQueryKey = (options?: Options<LiveData>) => createQueryKey("live", options);

export const liveOptions = (options?: Options<LiveData>) =>
  queryOptions<LiveResponse, DefaultError, LiveResponse, ReturnType<typeof liveQueryKey>>({
    queryFn: async ({ queryKey, signal }) => {
      const { data } = await live({
        ...options,
        ...queryKey[0],
        signal,
        throwOnError: true,
      });
      return data;
    },
    queryKey: liveQueryKey(options),
  });

export const readyQueryKey = (options?: Options<ReadyData>) => createQueryKey("ready", options);

/**
 * Ready when PostgreSQL and Redis both answer. (Without Redis requests
 * still work, but slower and with rate limits counted per process: not a
 * healthy state.)
 */
export const readyOptions = (options?: Options<ReadyData>) =>
  queryOptions<ReadyResponse, ReadyError, ReadyResponse, ReturnType<typeof readyQueryKey>>({
    queryFn: async ({ queryKey, signal }) => {
      const { data } = await ready({
        ...options,
        ...queryKey[0],
        signal,
        throwOnError: true,
      });
      return data;
    },
    queryKey: readyQueryKey(options),
  });
