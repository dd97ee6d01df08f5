// Generated from backend/openapi.json by scripts/api-client.mjs (@hey-api/openapi-ts):
// do not edit; run `make frontend-client` (or `make openapi`) instead.

export type ClientOptions = {
  baseUrl: `${string}://${string}` | (string & {});
};

export type Checks = {
  database: string;
  redis: string;
};

export type EmailChangeRevert = {
  /**
   * 8 to 128 characters (Unicode code points), any characters; not trimmed.
   */
  new_password: string;
  /**
   * The token from the link emailed to the old address.
   */
  token: string;
};

/**
 * The error body every endpoint may answer with.
 */
export type ErrorBody = {
  /**
   * A sentence a person can read.
   */
  detail: string;
  /**
   * Present on validation failures (422): one entry per rejected field.
   */
  errors?: Array<FieldError>;
  /**
   * The response's HTTP status code.
   */
  status: number;
  title: string;
  type: string;
};

export type FieldError = {
  /**
   * The input field at fault, e.g. `email` or `body`.
   */
  field: string;
  message: string;
};

export type Health = {
  /**
   * `ok` or `unavailable`.
   */
  status: string;
};

export type ItemCreate = {
  /**
   * At most 255 characters (Unicode code points), no NUL; stored as sent, not trimmed.
   */
  description?: string | null;
  /**
   * At most 255 characters (Unicode code points), no NUL, not only blanks; stored as sent, not trimmed.
   */
  title: string;
};

export type ItemPublic = {
  created_at: string;
  description?: string | null;
  id: string;
  owner_id: string;
  title: string;
};

/**
 * Fields to change; absent fields stay as they are.
 */
export type ItemUpdate = {
  /**
   * At most 255 characters (Unicode code points), no NUL; stored as sent, not trimmed.
   */
  description?: string | null;
  /**
   * At most 255 characters (Unicode code points), no NUL, not only blanks; stored as sent, not trimmed.
   */
  title?: string | null;
};

export type ItemsPublic = {
  count: number;
  data: Array<ItemPublic>;
};

/**
 * The OAuth2 password form (`username` is the email).
 */
export type LoginForm = {
  client_id?: string | null;
  client_secret?: string | null;
  grant_type?: string | null;
  password: string;
  scope?: string;
  username: string;
};

/**
 * A plain confirmation, e.g. `{"message": "Item deleted successfully"}`.
 */
export type Message = {
  message: string;
};

export type NewPassword = {
  /**
   * 8 to 128 characters (Unicode code points), any characters; not trimmed.
   */
  new_password: string;
  /**
   * The token from the emailed link.
   */
  token: string;
};

export type PrivateUserCreate = {
  /**
   * An email address: letters, combining marks and digits of any script and !#$%&'*+/=?^_`{|}~- in dot-separated parts, `@`, then at least two dot-separated labels of letters, marks, digits and inner hyphens (at most 63 characters each, starting with a letter or digit). At most 255 characters (Unicode code points); surrounding blanks are removed.
   */
  email: string;
  /**
   * At most 255 characters (Unicode code points), no NUL; stored as sent, not trimmed.
   */
  full_name: string;
  /**
   * Accepted for compatibility with the FastAPI template's API; has no effect yet.
   */
  is_verified?: boolean;
  /**
   * 8 to 128 characters (Unicode code points), any characters; not trimmed.
   */
  password: string;
};

export type Readiness = {
  /**
   * Each dependency and whether it answered (`ok` / `unavailable`).
   */
  checks: Checks;
  /**
   * `ok`, or `unavailable` when any dependency fails.
   */
  status: string;
};

export type RefreshRequest = {
  refresh_token: string;
};

/**
 * The FastAPI template's `Token` (`access_token`, `token_type`) plus the refresh token.
 */
export type Session = {
  access_token: string;
  /**
   * Seconds until the access token expires.
   */
  expires_in: number;
  /**
   * Opaque and single-use: exchange it at `/api/v1/login/refresh`.
   */
  refresh_token: string;
  /**
   * Always `bearer`.
   */
  token_type: string;
};

export type UpdatePassword = {
  /**
   * The account's password as it is: any string, since the length rules
   * of new passwords may have changed since it was set.
   */
  current_password: string;
  /**
   * 8 to 128 characters (Unicode code points), any characters; not trimmed.
   */
  new_password: string;
};

/**
 * A new user, created by a superuser.
 */
export type UserCreate = {
  /**
   * An email address: letters, combining marks and digits of any script and !#$%&'*+/=?^_`{|}~- in dot-separated parts, `@`, then at least two dot-separated labels of letters, marks, digits and inner hyphens (at most 63 characters each, starting with a letter or digit). At most 255 characters (Unicode code points); surrounding blanks are removed.
   */
  email: string;
  /**
   * At most 255 characters (Unicode code points), no NUL; stored as sent, not trimmed.
   */
  full_name?: string | null;
  is_active?: boolean;
  is_superuser?: boolean;
  /**
   * 8 to 128 characters (Unicode code points), any characters; not trimmed.
   */
  password: string;
};

export type UserPublic = {
  created_at: string;
  email: string;
  full_name?: string | null;
  id: string;
  is_active: boolean;
  is_superuser: boolean;
};

/**
 * Self-service sign-up.
 */
export type UserRegister = {
  /**
   * An email address: letters, combining marks and digits of any script and !#$%&'*+/=?^_`{|}~- in dot-separated parts, `@`, then at least two dot-separated labels of letters, marks, digits and inner hyphens (at most 63 characters each, starting with a letter or digit). At most 255 characters (Unicode code points); surrounding blanks are removed.
   */
  email: string;
  /**
   * At most 255 characters (Unicode code points), no NUL; stored as sent, not trimmed.
   */
  full_name?: string | null;
  /**
   * 8 to 128 characters (Unicode code points), any characters; not trimmed.
   */
  password: string;
};

/**
 * Changes to any user, by a superuser.
 */
export type UserUpdate = {
  /**
   * An email address: letters, combining marks and digits of any script and !#$%&'*+/=?^_`{|}~- in dot-separated parts, `@`, then at least two dot-separated labels of letters, marks, digits and inner hyphens (at most 63 characters each, starting with a letter or digit). At most 255 characters (Unicode code points); surrounding blanks are removed.
   */
  email?: string | null;
  /**
   * At most 255 characters (Unicode code points), no NUL; stored as sent, not trimmed.
   */
  full_name?: string | null;
  is_active?: boolean | null;
  is_superuser?: boolean | null;
  /**
   * 8 to 128 characters (Unicode code points), any characters; not trimmed.
   */
  password?: string | null;
};

/**
 * Changes to the caller's own profile.
 */
export type UserUpdateMe = {
  /**
   * An email address: letters, combining marks and digits of any script and !#$%&'*+/=?^_`{|}~- in dot-separated parts, `@`, then at least two dot-separated labels of letters, marks, digits and inner hyphens (at most 63 characters each, starting with a letter or digit). At most 255 characters (Unicode code points); surrounding blanks are removed.
   */
  email?: string | null;
  /**
   * At most 255 characters (Unicode code points), no NUL; stored as sent, not trimmed.
   */
  full_name?: string | null;
};

export type UsersPublic = {
  count: number;
  data: Array<UserPublic>;
};

export type ReadItemsData = {
  body?: never;
  path?: never;
  query?: {
    /**
     * How many records to skip.
     */
    skip?: number;
    /**
     * How many records to return.
     */
    limit?: number;
  };
  url: "/api/v1/items";
};

export type ReadItemsErrors = {
  /**
   * Missing, invalid or expired access token, the session has ended, or its user no longer exists
   */
  401: ErrorBody;
  /**
   * Inactive user
   */
  403: ErrorBody;
  /**
   * A body field, path segment or query parameter is missing or invalid; `errors` lists each
   */
  422: ErrorBody;
  /**
   * The database or the job queue is unavailable, or the request took too long; try again shortly
   */
  503: ErrorBody;
};

export type ReadItemsError = ReadItemsErrors[keyof ReadItemsErrors];

export type ReadItemsResponses = {
  200: ItemsPublic;
};

export type ReadItemsResponse = ReadItemsResponses[keyof ReadItemsResponses];

export type CreateItemData = {
  body: ItemCreate;
  path?: never;
  query?: never;
  url: "/api/v1/items";
};

export type CreateItemErrors = {
  /**
   * The body is not valid JSON, or could not be read
   */
  400: ErrorBody;
  /**
   * Missing, invalid or expired access token, the session has ended, or its user no longer exists
   */
  401: ErrorBody;
  /**
   * Inactive user
   */
  403: ErrorBody;
  /**
   * The body is larger than `MAX_BODY_BYTES`
   */
  413: ErrorBody;
  /**
   * The body is not sent as `application/json`
   */
  415: ErrorBody;
  /**
   * A body field, path segment or query parameter is missing or invalid; `errors` lists each
   */
  422: ErrorBody;
  /**
   * The database or the job queue is unavailable, or the request took too long; try again shortly
   */
  503: ErrorBody;
};

export type CreateItemError = CreateItemErrors[keyof CreateItemErrors];

export type CreateItemResponses = {
  201: ItemPublic;
};

export type CreateItemResponse = CreateItemResponses[keyof CreateItemResponses];

export type DeleteItemData = {
  body?: never;
  path: {
    id: string;
  };
  query?: never;
  url: "/api/v1/items/{id}";
};

export type DeleteItemErrors = {
  /**
   * Missing, invalid or expired access token, the session has ended, or its user no longer exists
   */
  401: ErrorBody;
  /**
   * Inactive user, or the item belongs to someone else
   */
  403: ErrorBody;
  /**
   * Item not found
   */
  404: ErrorBody;
  /**
   * A body field, path segment or query parameter is missing or invalid; `errors` lists each
   */
  422: ErrorBody;
  /**
   * The database or the job queue is unavailable, or the request took too long; try again shortly
   */
  503: ErrorBody;
};

export type DeleteItemError = DeleteItemErrors[keyof DeleteItemErrors];

export type DeleteItemResponses = {
  200: Message;
};

export type DeleteItemResponse = DeleteItemResponses[keyof DeleteItemResponses];

export type ReadItemData = {
  body?: never;
  path: {
    id: string;
  };
  query?: never;
  url: "/api/v1/items/{id}";
};

export type ReadItemErrors = {
  /**
   * Missing, invalid or expired access token, the session has ended, or its user no longer exists
   */
  401: ErrorBody;
  /**
   * Inactive user, or the item belongs to someone else
   */
  403: ErrorBody;
  /**
   * Item not found
   */
  404: ErrorBody;
  /**
   * A body field, path segment or query parameter is missing or invalid; `errors` lists each
   */
  422: ErrorBody;
  /**
   * The database or the job queue is unavailable, or the request took too long; try again shortly
   */
  503: ErrorBody;
};

export type ReadItemError = ReadItemErrors[keyof ReadItemErrors];

export type ReadItemResponses = {
  200: ItemPublic;
};

export type ReadItemResponse = ReadItemResponses[keyof ReadItemResponses];

export type UpdateItemData = {
  body: ItemUpdate;
  path: {
    id: string;
  };
  query?: never;
  url: "/api/v1/items/{id}";
};

export type UpdateItemErrors = {
  /**
   * The body is not valid JSON, or could not be read
   */
  400: ErrorBody;
  /**
   * Missing, invalid or expired access token, the session has ended, or its user no longer exists
   */
  401: ErrorBody;
  /**
   * Inactive user, or the item belongs to someone else
   */
  403: ErrorBody;
  /**
   * Item not found
   */
  404: ErrorBody;
  /**
   * The body is larger than `MAX_BODY_BYTES`
   */
  413: ErrorBody;
  /**
   * The body is not sent as `application/json`
   */
  415: ErrorBody;
  /**
   * A body field, path segment or query parameter is missing or invalid; `errors` lists each
   */
  422: ErrorBody;
  /**
   * The database or the job queue is unavailable, or the request took too long; try again shortly
   */
  503: ErrorBody;
};

export type UpdateItemError = UpdateItemErrors[keyof UpdateItemErrors];

export type UpdateItemResponses = {
  200: ItemPublic;
};

export type UpdateItemResponse = UpdateItemResponses[keyof UpdateItemResponses];

export type AccessTokenData = {
  body: LoginForm;
  path?: never;
  query?: never;
  url: "/api/v1/login/access-token";
};

export type AccessTokenErrors = {
  /**
   * Incorrect email or password, inactive user, or an unreadable body
   */
  400: ErrorBody;
  /**
   * The body is larger than `MAX_BODY_BYTES`
   */
  413: ErrorBody;
  /**
   * A non-empty body not sent as `application/x-www-form-urlencoded`
   */
  415: ErrorBody;
  /**
   * A body field, path segment or query parameter is missing or invalid; `errors` lists each
   */
  422: ErrorBody;
  /**
   * Too many attempts; try again after `Retry-After` seconds
   */
  429: ErrorBody;
  /**
   * The database or the job queue is unavailable, or the request took too long; try again shortly
   */
  503: ErrorBody;
};

export type AccessTokenError = AccessTokenErrors[keyof AccessTokenErrors];

export type AccessTokenResponses = {
  200: Session;
};

export type AccessTokenResponse = AccessTokenResponses[keyof AccessTokenResponses];

export type RefreshData = {
  body: RefreshRequest;
  path?: never;
  query?: never;
  url: "/api/v1/login/refresh";
};

export type RefreshErrors = {
  /**
   * The body is not valid JSON, or could not be read
   */
  400: ErrorBody;
  /**
   * Unknown, expired, revoked or reused refresh token
   */
  401: ErrorBody;
  /**
   * Inactive user
   */
  403: ErrorBody;
  /**
   * The body is larger than `MAX_BODY_BYTES`
   */
  413: ErrorBody;
  /**
   * The body is not sent as `application/json`
   */
  415: ErrorBody;
  /**
   * A body field, path segment or query parameter is missing or invalid; `errors` lists each
   */
  422: ErrorBody;
  /**
   * The database or the job queue is unavailable, or the request took too long; try again shortly
   */
  503: ErrorBody;
};

export type RefreshError = RefreshErrors[keyof RefreshErrors];

export type RefreshResponses = {
  200: Session;
};

export type RefreshResponse = RefreshResponses[keyof RefreshResponses];

export type TestTokenData = {
  body?: never;
  path?: never;
  query?: never;
  url: "/api/v1/login/test-token";
};

export type TestTokenErrors = {
  /**
   * Missing, invalid or expired access token, the session has ended, or its user no longer exists
   */
  401: ErrorBody;
  /**
   * Inactive user
   */
  403: ErrorBody;
  /**
   * The database or the job queue is unavailable, or the request took too long; try again shortly
   */
  503: ErrorBody;
};

export type TestTokenError = TestTokenErrors[keyof TestTokenErrors];

export type TestTokenResponses = {
  200: UserPublic;
};

export type TestTokenResponse = TestTokenResponses[keyof TestTokenResponses];

export type LogoutData = {
  body: RefreshRequest;
  path?: never;
  query?: never;
  url: "/api/v1/logout";
};

export type LogoutErrors = {
  /**
   * The body is not valid JSON, or could not be read
   */
  400: ErrorBody;
  /**
   * Unknown refresh token
   */
  401: ErrorBody;
  /**
   * The body is larger than `MAX_BODY_BYTES`
   */
  413: ErrorBody;
  /**
   * The body is not sent as `application/json`
   */
  415: ErrorBody;
  /**
   * A body field, path segment or query parameter is missing or invalid; `errors` lists each
   */
  422: ErrorBody;
  /**
   * The database or the job queue is unavailable, or the request took too long; try again shortly
   */
  503: ErrorBody;
};

export type LogoutError = LogoutErrors[keyof LogoutErrors];

export type LogoutResponses = {
  200: Message;
};

export type LogoutResponse = LogoutResponses[keyof LogoutResponses];

export type RecoverPasswordHtmlContentData = {
  body?: never;
  path: {
    /**
     * An email address: letters, combining marks and digits of any script and !#$%&'*+/=?^_`{|}~- in dot-separated parts, `@`, then at least two dot-separated labels of letters, marks, digits and inner hyphens (at most 63 characters each, starting with a letter or digit). At most 255 characters (Unicode code points); surrounding blanks are removed.
     */
    email: string;
  };
  query?: never;
  url: "/api/v1/password-recovery-html-content/{email}";
};

export type RecoverPasswordHtmlContentErrors = {
  /**
   * Missing, invalid or expired access token, the session has ended, or its user no longer exists
   */
  401: ErrorBody;
  /**
   * Inactive user, or not a superuser
   */
  403: ErrorBody;
  /**
   * No user has this email
   */
  404: ErrorBody;
  /**
   * A body field, path segment or query parameter is missing or invalid; `errors` lists each
   */
  422: ErrorBody;
  /**
   * The database or the job queue is unavailable, or the request took too long; try again shortly
   */
  503: ErrorBody;
};

export type RecoverPasswordHtmlContentError =
  RecoverPasswordHtmlContentErrors[keyof RecoverPasswordHtmlContentErrors];

export type RecoverPasswordHtmlContentResponses = {
  200: string;
};

export type RecoverPasswordHtmlContentResponse =
  RecoverPasswordHtmlContentResponses[keyof RecoverPasswordHtmlContentResponses];

export type RecoverPasswordData = {
  body?: never;
  path: {
    /**
     * An email address: letters, combining marks and digits of any script and !#$%&'*+/=?^_`{|}~- in dot-separated parts, `@`, then at least two dot-separated labels of letters, marks, digits and inner hyphens (at most 63 characters each, starting with a letter or digit). At most 255 characters (Unicode code points); surrounding blanks are removed.
     */
    email: string;
  };
  query?: never;
  url: "/api/v1/password-recovery/{email}";
};

export type RecoverPasswordErrors = {
  /**
   * A body field, path segment or query parameter is missing or invalid; `errors` lists each
   */
  422: ErrorBody;
  /**
   * Too many attempts; try again after `Retry-After` seconds
   */
  429: ErrorBody;
  /**
   * The database or the job queue is unavailable, or the request took too long; try again shortly
   */
  503: ErrorBody;
};

export type RecoverPasswordError = RecoverPasswordErrors[keyof RecoverPasswordErrors];

export type RecoverPasswordResponses = {
  200: Message;
};

export type RecoverPasswordResponse = RecoverPasswordResponses[keyof RecoverPasswordResponses];

export type CreateUserPrivateData = {
  body: PrivateUserCreate;
  path?: never;
  query?: never;
  url: "/api/v1/private/users";
};

export type CreateUserPrivateErrors = {
  /**
   * Email already registered, or a body that is not JSON
   */
  400: ErrorBody;
  /**
   * The body is larger than `MAX_BODY_BYTES`
   */
  413: ErrorBody;
  /**
   * The body is not sent as `application/json`
   */
  415: ErrorBody;
  /**
   * A body field, path segment or query parameter is missing or invalid; `errors` lists each
   */
  422: ErrorBody;
  /**
   * The database or the job queue is unavailable, or the request took too long; try again shortly
   */
  503: ErrorBody;
};

export type CreateUserPrivateError = CreateUserPrivateErrors[keyof CreateUserPrivateErrors];

export type CreateUserPrivateResponses = {
  201: UserPublic;
};

export type CreateUserPrivateResponse =
  CreateUserPrivateResponses[keyof CreateUserPrivateResponses];

export type ResetPasswordData = {
  body: NewPassword;
  path?: never;
  query?: never;
  url: "/api/v1/reset-password";
};

export type ResetPasswordErrors = {
  /**
   * Invalid, used or expired token, inactive user, or a body that is not JSON
   */
  400: ErrorBody;
  /**
   * The body is larger than `MAX_BODY_BYTES`
   */
  413: ErrorBody;
  /**
   * The body is not sent as `application/json`
   */
  415: ErrorBody;
  /**
   * A body field, path segment or query parameter is missing or invalid; `errors` lists each
   */
  422: ErrorBody;
  /**
   * The database or the job queue is unavailable, or the request took too long; try again shortly
   */
  503: ErrorBody;
};

export type ResetPasswordError = ResetPasswordErrors[keyof ResetPasswordErrors];

export type ResetPasswordResponses = {
  200: Message;
};

export type ResetPasswordResponse = ResetPasswordResponses[keyof ResetPasswordResponses];

export type RevertEmailChangeData = {
  body: EmailChangeRevert;
  path?: never;
  query?: never;
  url: "/api/v1/revert-email-change";
};

export type RevertEmailChangeErrors = {
  /**
   * Invalid, used or expired link, inactive user, or a body that is not JSON
   */
  400: ErrorBody;
  /**
   * The old email now belongs to another user
   */
  409: ErrorBody;
  /**
   * The body is larger than `MAX_BODY_BYTES`
   */
  413: ErrorBody;
  /**
   * The body is not sent as `application/json`
   */
  415: ErrorBody;
  /**
   * A body field, path segment or query parameter is missing or invalid; `errors` lists each
   */
  422: ErrorBody;
  /**
   * The database or the job queue is unavailable, or the request took too long; try again shortly
   */
  503: ErrorBody;
};

export type RevertEmailChangeError = RevertEmailChangeErrors[keyof RevertEmailChangeErrors];

export type RevertEmailChangeResponses = {
  200: Message;
};

export type RevertEmailChangeResponse =
  RevertEmailChangeResponses[keyof RevertEmailChangeResponses];

export type ReadUsersData = {
  body?: never;
  path?: never;
  query?: {
    /**
     * How many records to skip.
     */
    skip?: number;
    /**
     * How many records to return.
     */
    limit?: number;
  };
  url: "/api/v1/users";
};

export type ReadUsersErrors = {
  /**
   * Missing, invalid or expired access token, the session has ended, or its user no longer exists
   */
  401: ErrorBody;
  /**
   * Inactive user, or not a superuser
   */
  403: ErrorBody;
  /**
   * A body field, path segment or query parameter is missing or invalid; `errors` lists each
   */
  422: ErrorBody;
  /**
   * The database or the job queue is unavailable, or the request took too long; try again shortly
   */
  503: ErrorBody;
};

export type ReadUsersError = ReadUsersErrors[keyof ReadUsersErrors];

export type ReadUsersResponses = {
  200: UsersPublic;
};

export type ReadUsersResponse = ReadUsersResponses[keyof ReadUsersResponses];

export type CreateUserData = {
  body: UserCreate;
  path?: never;
  query?: never;
  url: "/api/v1/users";
};

export type CreateUserErrors = {
  /**
   * Email already registered, or a body that is not JSON
   */
  400: ErrorBody;
  /**
   * Missing, invalid or expired access token, the session has ended, or its user no longer exists
   */
  401: ErrorBody;
  /**
   * Inactive user, or not a superuser
   */
  403: ErrorBody;
  /**
   * The body is larger than `MAX_BODY_BYTES`
   */
  413: ErrorBody;
  /**
   * The body is not sent as `application/json`
   */
  415: ErrorBody;
  /**
   * A body field, path segment or query parameter is missing or invalid; `errors` lists each
   */
  422: ErrorBody;
  /**
   * The database or the job queue is unavailable, or the request took too long; try again shortly
   */
  503: ErrorBody;
};

export type CreateUserError = CreateUserErrors[keyof CreateUserErrors];

export type CreateUserResponses = {
  201: UserPublic;
};

export type CreateUserResponse = CreateUserResponses[keyof CreateUserResponses];

export type DeleteUserMeData = {
  body?: never;
  path?: never;
  query?: never;
  url: "/api/v1/users/me";
};

export type DeleteUserMeErrors = {
  /**
   * Missing, invalid or expired access token, the session has ended, or its user no longer exists
   */
  401: ErrorBody;
  /**
   * Inactive user, or a superuser (superusers cannot delete themselves)
   */
  403: ErrorBody;
  /**
   * The database or the job queue is unavailable, or the request took too long; try again shortly
   */
  503: ErrorBody;
};

export type DeleteUserMeError = DeleteUserMeErrors[keyof DeleteUserMeErrors];

export type DeleteUserMeResponses = {
  200: Message;
};

export type DeleteUserMeResponse = DeleteUserMeResponses[keyof DeleteUserMeResponses];

export type ReadUserMeData = {
  body?: never;
  path?: never;
  query?: never;
  url: "/api/v1/users/me";
};

export type ReadUserMeErrors = {
  /**
   * Missing, invalid or expired access token, the session has ended, or its user no longer exists
   */
  401: ErrorBody;
  /**
   * Inactive user
   */
  403: ErrorBody;
  /**
   * The database or the job queue is unavailable, or the request took too long; try again shortly
   */
  503: ErrorBody;
};

export type ReadUserMeError = ReadUserMeErrors[keyof ReadUserMeErrors];

export type ReadUserMeResponses = {
  200: UserPublic;
};

export type ReadUserMeResponse = ReadUserMeResponses[keyof ReadUserMeResponses];

export type UpdateUserMeData = {
  body: UserUpdateMe;
  path?: never;
  query?: never;
  url: "/api/v1/users/me";
};

export type UpdateUserMeErrors = {
  /**
   * The body is not valid JSON, or could not be read
   */
  400: ErrorBody;
  /**
   * Missing, invalid or expired access token, the session has ended, or its user no longer exists
   */
  401: ErrorBody;
  /**
   * Inactive user
   */
  403: ErrorBody;
  /**
   * Email taken by another user
   */
  409: ErrorBody;
  /**
   * The body is larger than `MAX_BODY_BYTES`
   */
  413: ErrorBody;
  /**
   * The body is not sent as `application/json`
   */
  415: ErrorBody;
  /**
   * A body field, path segment or query parameter is missing or invalid; `errors` lists each
   */
  422: ErrorBody;
  /**
   * The database or the job queue is unavailable, or the request took too long; try again shortly
   */
  503: ErrorBody;
};

export type UpdateUserMeError = UpdateUserMeErrors[keyof UpdateUserMeErrors];

export type UpdateUserMeResponses = {
  200: UserPublic;
};

export type UpdateUserMeResponse = UpdateUserMeResponses[keyof UpdateUserMeResponses];

export type UpdatePasswordMeData = {
  body: UpdatePassword;
  path?: never;
  query?: never;
  url: "/api/v1/users/me/password";
};

export type UpdatePasswordMeErrors = {
  /**
   * Wrong current password, new password same as current, or a body that is not JSON
   */
  400: ErrorBody;
  /**
   * Missing, invalid or expired access token, the session has ended, or its user no longer exists
   */
  401: ErrorBody;
  /**
   * Inactive user
   */
  403: ErrorBody;
  /**
   * The body is larger than `MAX_BODY_BYTES`
   */
  413: ErrorBody;
  /**
   * The body is not sent as `application/json`
   */
  415: ErrorBody;
  /**
   * A body field, path segment or query parameter is missing or invalid; `errors` lists each
   */
  422: ErrorBody;
  /**
   * Too many attempts; try again after `Retry-After` seconds
   */
  429: ErrorBody;
  /**
   * The database or the job queue is unavailable, or the request took too long; try again shortly
   */
  503: ErrorBody;
};

export type UpdatePasswordMeError = UpdatePasswordMeErrors[keyof UpdatePasswordMeErrors];

export type UpdatePasswordMeResponses = {
  200: Message;
};

export type UpdatePasswordMeResponse = UpdatePasswordMeResponses[keyof UpdatePasswordMeResponses];

export type RegisterUserData = {
  body: UserRegister;
  path?: never;
  query?: never;
  url: "/api/v1/users/signup";
};

export type RegisterUserErrors = {
  /**
   * Email already registered, or a body that is not JSON
   */
  400: ErrorBody;
  /**
   * The body is larger than `MAX_BODY_BYTES`
   */
  413: ErrorBody;
  /**
   * The body is not sent as `application/json`
   */
  415: ErrorBody;
  /**
   * A body field, path segment or query parameter is missing or invalid; `errors` lists each
   */
  422: ErrorBody;
  /**
   * Too many attempts; try again after `Retry-After` seconds
   */
  429: ErrorBody;
  /**
   * The database or the job queue is unavailable, or the request took too long; try again shortly
   */
  503: ErrorBody;
};

export type RegisterUserError = RegisterUserErrors[keyof RegisterUserErrors];

export type RegisterUserResponses = {
  201: UserPublic;
};

export type RegisterUserResponse = RegisterUserResponses[keyof RegisterUserResponses];

export type DeleteUserData = {
  body?: never;
  path: {
    id: string;
  };
  query?: never;
  url: "/api/v1/users/{id}";
};

export type DeleteUserErrors = {
  /**
   * Missing, invalid or expired access token, the session has ended, or its user no longer exists
   */
  401: ErrorBody;
  /**
   * Inactive user, not a superuser, or a superuser deleting themselves
   */
  403: ErrorBody;
  /**
   * User not found
   */
  404: ErrorBody;
  /**
   * A body field, path segment or query parameter is missing or invalid; `errors` lists each
   */
  422: ErrorBody;
  /**
   * The database or the job queue is unavailable, or the request took too long; try again shortly
   */
  503: ErrorBody;
};

export type DeleteUserError = DeleteUserErrors[keyof DeleteUserErrors];

export type DeleteUserResponses = {
  200: Message;
};

export type DeleteUserResponse = DeleteUserResponses[keyof DeleteUserResponses];

export type ReadUserByIdData = {
  body?: never;
  path: {
    id: string;
  };
  query?: never;
  url: "/api/v1/users/{id}";
};

export type ReadUserByIdErrors = {
  /**
   * Missing, invalid or expired access token, the session has ended, or its user no longer exists
   */
  401: ErrorBody;
  /**
   * Inactive user, or someone else's record and not a superuser
   */
  403: ErrorBody;
  /**
   * User not found
   */
  404: ErrorBody;
  /**
   * A body field, path segment or query parameter is missing or invalid; `errors` lists each
   */
  422: ErrorBody;
  /**
   * The database or the job queue is unavailable, or the request took too long; try again shortly
   */
  503: ErrorBody;
};

export type ReadUserByIdError = ReadUserByIdErrors[keyof ReadUserByIdErrors];

export type ReadUserByIdResponses = {
  200: UserPublic;
};

export type ReadUserByIdResponse = ReadUserByIdResponses[keyof ReadUserByIdResponses];

export type UpdateUserData = {
  body: UserUpdate;
  path: {
    id: string;
  };
  query?: never;
  url: "/api/v1/users/{id}";
};

export type UpdateUserErrors = {
  /**
   * The body is not valid JSON, or could not be read
   */
  400: ErrorBody;
  /**
   * Missing, invalid or expired access token, the session has ended, or its user no longer exists
   */
  401: ErrorBody;
  /**
   * Inactive user, or not a superuser
   */
  403: ErrorBody;
  /**
   * User not found
   */
  404: ErrorBody;
  /**
   * Email taken by another user, or the last active superuser demoted or deactivated
   */
  409: ErrorBody;
  /**
   * The body is larger than `MAX_BODY_BYTES`
   */
  413: ErrorBody;
  /**
   * The body is not sent as `application/json`
   */
  415: ErrorBody;
  /**
   * A body field, path segment or query parameter is missing or invalid; `errors` lists each
   */
  422: ErrorBody;
  /**
   * The database or the job queue is unavailable, or the request took too long; try again shortly
   */
  503: ErrorBody;
};

export type UpdateUserError = UpdateUserErrors[keyof UpdateUserErrors];

export type UpdateUserResponses = {
  200: UserPublic;
};

export type UpdateUserResponse = UpdateUserResponses[keyof UpdateUserResponses];

export type HealthCheckData = {
  body?: never;
  path?: never;
  query?: never;
  url: "/api/v1/utils/health-check";
};

export type HealthCheckResponses = {
  200: boolean;
};

export type HealthCheckResponse = HealthCheckResponses[keyof HealthCheckResponses];

export type TestEmailData = {
  body?: never;
  path?: never;
  query: {
    /**
     * An email address: letters, combining marks and digits of any script and !#$%&'*+/=?^_`{|}~- in dot-separated parts, `@`, then at least two dot-separated labels of letters, marks, digits and inner hyphens (at most 63 characters each, starting with a letter or digit). At most 255 characters (Unicode code points); surrounding blanks are removed.
     */
    email_to: string;
  };
  url: "/api/v1/utils/test-email";
};

export type TestEmailErrors = {
  /**
   * Missing, invalid or expired access token, the session has ended, or its user no longer exists
   */
  401: ErrorBody;
  /**
   * Inactive user, or not a superuser
   */
  403: ErrorBody;
  /**
   * A body field, path segment or query parameter is missing or invalid; `errors` lists each
   */
  422: ErrorBody;
  /**
   * The database or the job queue is unavailable, or the request took too long; try again shortly
   */
  503: ErrorBody;
};

export type TestEmailError = TestEmailErrors[keyof TestEmailErrors];

export type TestEmailResponses = {
  201: Message;
};

export type TestEmailResponse = TestEmailResponses[keyof TestEmailResponses];

export type LiveData = {
  body?: never;
  path?: never;
  query?: never;
  url: "/health";
};

export type LiveResponses = {
  200: Health;
};

export type LiveResponse = LiveResponses[keyof LiveResponses];

export type ReadyData = {
  body?: never;
  path?: never;
  query?: never;
  url: "/health/ready";
};

export type ReadyErrors = {
  /**
   * A dependency is down
   */
  503: Readiness;
};

export type ReadyError = ReadyErrors[keyof ReadyErrors];

export type ReadyResponses = {
  200: Readiness;
};

export type ReadyResponse = ReadyResponses[keyof ReadyResponses];
