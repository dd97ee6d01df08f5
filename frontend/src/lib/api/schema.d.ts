// Generated from backend/openapi.json by scripts/api-client.mjs: do not edit.

export interface paths {
  "/api/v1/items": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The caller's items (a superuser's: everyone's), newest first. */
    get: operations["read_items"];
    put?: never;
    post: operations["create_item"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/items/{id}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations["read_item"];
    put: operations["update_item"];
    post?: never;
    delete: operations["delete_item"];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/login/access-token": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * OAuth2-compatible login: an access token for future requests, and a
     *     refresh token.
     */
    post: operations["access_token"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/login/refresh": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Exchanges a refresh token for a new access and refresh token. Each
     *     refresh token works once; reusing one ends the whole session.
     */
    post: operations["refresh"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/login/test-token": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Returns the user the access token belongs to. */
    post: operations["test_token"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/logout": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Ends the session the refresh token belongs to. */
    post: operations["logout"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/password-recovery-html-content/{email}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * The HTML of the recovery email for a user, with a working link (for
     *     superusers checking the template).
     */
    post: operations["recover_password_html_content"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/password-recovery/{email}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Emails a password-reset link. The answer (and the work done before it)
     *     is the same whether or not the email is registered: the lookup happens
     *     in a background job.
     */
    post: operations["recover_password"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/private/users": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Creates a user directly (development only). */
    post: operations["create_user_private"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/reset-password": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Sets a new password with the token from a recovery email. The token
     *     works once; every session of the user ends.
     */
    post: operations["reset_password"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/revert-email-change": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Undoes an email change with the link sent to the old address: the old
     *     email comes back with the new password, every session ends and every
     *     password-reset link stops working. The link works once.
     */
    post: operations["revert_email_change"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/users": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations["read_users"];
    put?: never;
    post: operations["create_user"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/users/me": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations["read_user_me"];
    put?: never;
    post?: never;
    /** Deletes the caller's account and items. Superusers cannot. */
    delete: operations["delete_user_me"];
    options?: never;
    head?: never;
    /**
     * Updates the caller's `full_name` and/or `email`. A new email sends the
     *     old address a notice with a link that undoes the change
     *     (`/revert-email-change`).
     */
    patch: operations["update_user_me"];
    trace?: never;
  };
  "/api/v1/users/me/password": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /**
     * Changes the caller's password and ends their other sessions. Each
     *     attempt counts against a per-user rate limit, since it guesses the
     *     current password.
     */
    patch: operations["update_password_me"];
    trace?: never;
  };
  "/api/v1/users/signup": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Creates an account without being signed in.
     * @description No email is sent, unless `SIGNUP_WELCOME_EMAIL` turns the new-account
     *     email on.
     */
    post: operations["register_user"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/users/{id}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A user by id: one's own record, or any record for a superuser. */
    get: operations["read_user_by_id"];
    put?: never;
    post?: never;
    /** Deletes a user and their items. A superuser cannot delete themselves. */
    delete: operations["delete_user"];
    options?: never;
    head?: never;
    /**
     * Updates any user. Deactivating a user or setting their password ends
     *     their sessions (access tokens included, for good: reactivating does not
     *     revive them); deactivating also cancels their password-reset links. The
     *     last active superuser cannot be demoted or deactivated.
     */
    patch: operations["update_user"];
    trace?: never;
  };
  "/api/v1/utils/health-check": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Liveness check, as in the FastAPI template's API: always `true`. (Sent as
     *     JSON; utoipa would document a bare `bool` as text/plain.)
     */
    get: operations["health_check"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v1/utils/test-email": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Queues a test email, to check the SMTP settings end to end. */
    post: operations["test_email"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/health": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations["live"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/health/ready": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Ready when PostgreSQL and Redis both answer. (Without Redis requests
     *     still work, but slower and with rate limits counted per process: not a
     *     healthy state.)
     */
    get: operations["ready"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    Checks: {
      database: string;
      redis: string;
    };
    EmailChangeRevert: {
      /** @description 8 to 128 characters (Unicode code points), any characters; not trimmed. */
      new_password: string;
      /** @description The token from the link emailed to the old address. */
      token: string;
    };
    /** @description The error body every endpoint may answer with. */
    ErrorBody: {
      /** @description A sentence a person can read. */
      detail: string;
      /** @description Present on validation failures (422): one entry per rejected field. */
      errors?: components["schemas"]["FieldError"][];
      /**
       * Format: int32
       * @description The response's HTTP status code.
       * @example 404
       */
      status: number;
      /** @example Not Found */
      title: string;
      /** @example about:blank */
      type: string;
    };
    FieldError: {
      /** @description The input field at fault, e.g. `email` or `body`. */
      field: string;
      message: string;
    };
    Health: {
      /** @description `ok` or `unavailable`. */
      status: string;
    };
    ItemCreate: {
      /** @description At most 255 characters (Unicode code points), no NUL; stored as sent, not trimmed. */
      description?: string | null;
      /** @description At most 255 characters (Unicode code points), no NUL, not only blanks; stored as sent, not trimmed. */
      title: string;
    };
    ItemPublic: {
      /** Format: date-time */
      created_at: string;
      description?: string | null;
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      owner_id: string;
      title: string;
    };
    /** @description Fields to change; absent fields stay as they are. */
    ItemUpdate: {
      /** @description At most 255 characters (Unicode code points), no NUL; stored as sent, not trimmed. */
      description?: string | null;
      /** @description At most 255 characters (Unicode code points), no NUL, not only blanks; stored as sent, not trimmed. */
      title?: string | null;
    };
    ItemsPublic: {
      /** Format: int64 */
      count: number;
      data: components["schemas"]["ItemPublic"][];
    };
    /** @description The OAuth2 password form (`username` is the email). */
    LoginForm: {
      client_id?: string | null;
      client_secret?: string | null;
      grant_type?: string | null;
      password: string;
      scope?: string;
      username: string;
    };
    /** @description A plain confirmation, e.g. `{"message": "Item deleted successfully"}`. */
    Message: {
      message: string;
    };
    NewPassword: {
      /** @description 8 to 128 characters (Unicode code points), any characters; not trimmed. */
      new_password: string;
      /** @description The token from the emailed link. */
      token: string;
    };
    PrivateUserCreate: {
      /** @description An email address: letters, combining marks and digits of any script and !#$%&'*+/=?^_`{|}~- in dot-separated parts, `@`, then at least two dot-separated labels of letters, marks, digits and inner hyphens (at most 63 characters each, starting with a letter or digit). At most 255 characters (Unicode code points); surrounding blanks are removed. */
      email: string;
      /** @description At most 255 characters (Unicode code points), no NUL; stored as sent, not trimmed. */
      full_name: string;
      /** @description Accepted for compatibility with the FastAPI template's API; has no effect yet. */
      is_verified?: boolean;
      /** @description 8 to 128 characters (Unicode code points), any characters; not trimmed. */
      password: string;
    };
    Readiness: {
      /** @description Each dependency and whether it answered (`ok` / `unavailable`). */
      checks: components["schemas"]["Checks"];
      /** @description `ok`, or `unavailable` when any dependency fails. */
      status: string;
    };
    RefreshRequest: {
      refresh_token: string;
    };
    /** @description The FastAPI template's `Token` (`access_token`, `token_type`) plus the refresh token. */
    Session: {
      access_token: string;
      /**
       * Format: int64
       * @description Seconds until the access token expires.
       */
      expires_in: number;
      /** @description Opaque and single-use: exchange it at `/api/v1/login/refresh`. */
      refresh_token: string;
      /** @description Always `bearer`. */
      token_type: string;
    };
    UpdatePassword: {
      /**
       * @description The account's password as it is: any string, since the length rules
       *     of new passwords may have changed since it was set.
       */
      current_password: string;
      /** @description 8 to 128 characters (Unicode code points), any characters; not trimmed. */
      new_password: string;
    };
    /** @description A new user, created by a superuser. */
    UserCreate: {
      /** @description An email address: letters, combining marks and digits of any script and !#$%&'*+/=?^_`{|}~- in dot-separated parts, `@`, then at least two dot-separated labels of letters, marks, digits and inner hyphens (at most 63 characters each, starting with a letter or digit). At most 255 characters (Unicode code points); surrounding blanks are removed. */
      email: string;
      /** @description At most 255 characters (Unicode code points), no NUL; stored as sent, not trimmed. */
      full_name?: string | null;
      /** @default true */
      is_active: boolean;
      is_superuser?: boolean;
      /** @description 8 to 128 characters (Unicode code points), any characters; not trimmed. */
      password: string;
    };
    UserPublic: {
      /** Format: date-time */
      created_at: string;
      email: string;
      full_name?: string | null;
      /** Format: uuid */
      id: string;
      is_active: boolean;
      is_superuser: boolean;
    };
    /** @description Self-service sign-up. */
    UserRegister: {
      /** @description An email address: letters, combining marks and digits of any script and !#$%&'*+/=?^_`{|}~- in dot-separated parts, `@`, then at least two dot-separated labels of letters, marks, digits and inner hyphens (at most 63 characters each, starting with a letter or digit). At most 255 characters (Unicode code points); surrounding blanks are removed. */
      email: string;
      /** @description At most 255 characters (Unicode code points), no NUL; stored as sent, not trimmed. */
      full_name?: string | null;
      /** @description 8 to 128 characters (Unicode code points), any characters; not trimmed. */
      password: string;
    };
    /** @description Changes to any user, by a superuser. */
    UserUpdate: {
      /** @description An email address: letters, combining marks and digits of any script and !#$%&'*+/=?^_`{|}~- in dot-separated parts, `@`, then at least two dot-separated labels of letters, marks, digits and inner hyphens (at most 63 characters each, starting with a letter or digit). At most 255 characters (Unicode code points); surrounding blanks are removed. */
      email?: string | null;
      /** @description At most 255 characters (Unicode code points), no NUL; stored as sent, not trimmed. */
      full_name?: string | null;
      is_active?: boolean | null;
      is_superuser?: boolean | null;
      /** @description 8 to 128 characters (Unicode code points), any characters; not trimmed. */
      password?: string | null;
    };
    /** @description Changes to the caller's own profile. */
    UserUpdateMe: {
      /** @description An email address: letters, combining marks and digits of any script and !#$%&'*+/=?^_`{|}~- in dot-separated parts, `@`, then at least two dot-separated labels of letters, marks, digits and inner hyphens (at most 63 characters each, starting with a letter or digit). At most 255 characters (Unicode code points); surrounding blanks are removed. */
      email?: string | null;
      /** @description At most 255 characters (Unicode code points), no NUL; stored as sent, not trimmed. */
      full_name?: string | null;
    };
    UsersPublic: {
      /** Format: int64 */
      count: number;
      data: components["schemas"]["UserPublic"][];
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  read_items: {
    parameters: {
      query?: {
        /** @description How many records to skip. */
        skip?: number;
        /** @description How many records to return. */
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ItemsPublic"];
        };
      };
      /** @description Missing, invalid or expired access token, the session has ended, or its user no longer exists */
      401: {
        headers: {
          /** @description `Bearer` */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "Missing, invalid or expired access token, the session has ended, or its user no longer exists",
           *       "status": 401,
           *       "title": "Unauthorized",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description Inactive user */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "Inactive user",
           *       "status": 403,
           *       "title": "Forbidden",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description A body field, path segment or query parameter is missing or invalid; `errors` lists each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "email: value is not a valid email address",
           *       "errors": [
           *         {
           *           "field": "email",
           *           "message": "value is not a valid email address"
           *         }
           *       ],
           *       "status": 422,
           *       "title": "Unprocessable Entity",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description The database or the job queue is unavailable, or the request took too long; try again shortly */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "The database or the job queue is unavailable, or the request took too long; try again shortly",
           *       "status": 503,
           *       "title": "Service Unavailable",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
    };
  };
  create_item: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["ItemCreate"];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ItemPublic"];
        };
      };
      /** @description The body is not valid JSON, or could not be read */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "The body is not valid JSON, or could not be read",
           *       "status": 400,
           *       "title": "Bad Request",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description Missing, invalid or expired access token, the session has ended, or its user no longer exists */
      401: {
        headers: {
          /** @description `Bearer` */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "Missing, invalid or expired access token, the session has ended, or its user no longer exists",
           *       "status": 401,
           *       "title": "Unauthorized",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description Inactive user */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "Inactive user",
           *       "status": 403,
           *       "title": "Forbidden",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description The body is larger than `MAX_BODY_BYTES` */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "The body is larger than `MAX_BODY_BYTES`",
           *       "status": 413,
           *       "title": "Payload Too Large",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description The body is not sent as `application/json` */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "The body is not sent as `application/json`",
           *       "status": 415,
           *       "title": "Unsupported Media Type",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description A body field, path segment or query parameter is missing or invalid; `errors` lists each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "email: value is not a valid email address",
           *       "errors": [
           *         {
           *           "field": "email",
           *           "message": "value is not a valid email address"
           *         }
           *       ],
           *       "status": 422,
           *       "title": "Unprocessable Entity",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description The database or the job queue is unavailable, or the request took too long; try again shortly */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "The database or the job queue is unavailable, or the request took too long; try again shortly",
           *       "status": 503,
           *       "title": "Service Unavailable",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
    };
  };
  read_item: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ItemPublic"];
        };
      };
      /** @description Missing, invalid or expired access token, the session has ended, or its user no longer exists */
      401: {
        headers: {
          /** @description `Bearer` */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "Missing, invalid or expired access token, the session has ended, or its user no longer exists",
           *       "status": 401,
           *       "title": "Unauthorized",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description Inactive user, or the item belongs to someone else */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "Inactive user, or the item belongs to someone else",
           *       "status": 403,
           *       "title": "Forbidden",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description Item not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "Item not found",
           *       "status": 404,
           *       "title": "Not Found",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description A body field, path segment or query parameter is missing or invalid; `errors` lists each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "email: value is not a valid email address",
           *       "errors": [
           *         {
           *           "field": "email",
           *           "message": "value is not a valid email address"
           *         }
           *       ],
           *       "status": 422,
           *       "title": "Unprocessable Entity",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description The database or the job queue is unavailable, or the request took too long; try again shortly */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "The database or the job queue is unavailable, or the request took too long; try again shortly",
           *       "status": 503,
           *       "title": "Service Unavailable",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
    };
  };
  update_item: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["ItemUpdate"];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ItemPublic"];
        };
      };
      /** @description The body is not valid JSON, or could not be read */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "The body is not valid JSON, or could not be read",
           *       "status": 400,
           *       "title": "Bad Request",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description Missing, invalid or expired access token, the session has ended, or its user no longer exists */
      401: {
        headers: {
          /** @description `Bearer` */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "Missing, invalid or expired access token, the session has ended, or its user no longer exists",
           *       "status": 401,
           *       "title": "Unauthorized",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description Inactive user, or the item belongs to someone else */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "Inactive user, or the item belongs to someone else",
           *       "status": 403,
           *       "title": "Forbidden",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description Item not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "Item not found",
           *       "status": 404,
           *       "title": "Not Found",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description The body is larger than `MAX_BODY_BYTES` */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "The body is larger than `MAX_BODY_BYTES`",
           *       "status": 413,
           *       "title": "Payload Too Large",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description The body is not sent as `application/json` */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "The body is not sent as `application/json`",
           *       "status": 415,
           *       "title": "Unsupported Media Type",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description A body field, path segment or query parameter is missing or invalid; `errors` lists each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "email: value is not a valid email address",
           *       "errors": [
           *         {
           *           "field": "email",
           *           "message": "value is not a valid email address"
           *         }
           *       ],
           *       "status": 422,
           *       "title": "Unprocessable Entity",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description The database or the job queue is unavailable, or the request took too long; try again shortly */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "The database or the job queue is unavailable, or the request took too long; try again shortly",
           *       "status": 503,
           *       "title": "Service Unavailable",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
    };
  };
  delete_item: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Message"];
        };
      };
      /** @description Missing, invalid or expired access token, the session has ended, or its user no longer exists */
      401: {
        headers: {
          /** @description `Bearer` */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "Missing, invalid or expired access token, the session has ended, or its user no longer exists",
           *       "status": 401,
           *       "title": "Unauthorized",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description Inactive user, or the item belongs to someone else */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "Inactive user, or the item belongs to someone else",
           *       "status": 403,
           *       "title": "Forbidden",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description Item not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "Item not found",
           *       "status": 404,
           *       "title": "Not Found",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description A body field, path segment or query parameter is missing or invalid; `errors` lists each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "email: value is not a valid email address",
           *       "errors": [
           *         {
           *           "field": "email",
           *           "message": "value is not a valid email address"
           *         }
           *       ],
           *       "status": 422,
           *       "title": "Unprocessable Entity",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description The database or the job queue is unavailable, or the request took too long; try again shortly */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "The database or the job queue is unavailable, or the request took too long; try again shortly",
           *       "status": 503,
           *       "title": "Service Unavailable",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
    };
  };
  access_token: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/x-www-form-urlencoded": components["schemas"]["LoginForm"];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Session"];
        };
      };
      /** @description Incorrect email or password, inactive user, or an unreadable body */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "Incorrect email or password, inactive user, or an unreadable body",
           *       "status": 400,
           *       "title": "Bad Request",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description The body is larger than `MAX_BODY_BYTES` */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "The body is larger than `MAX_BODY_BYTES`",
           *       "status": 413,
           *       "title": "Payload Too Large",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description A non-empty body not sent as `application/x-www-form-urlencoded` */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "A non-empty body not sent as `application/x-www-form-urlencoded`",
           *       "status": 415,
           *       "title": "Unsupported Media Type",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description A body field, path segment or query parameter is missing or invalid; `errors` lists each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "email: value is not a valid email address",
           *       "errors": [
           *         {
           *           "field": "email",
           *           "message": "value is not a valid email address"
           *         }
           *       ],
           *       "status": 422,
           *       "title": "Unprocessable Entity",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description Too many attempts; try again after `Retry-After` seconds */
      429: {
        headers: {
          /** @description Seconds until attempts are allowed again */
          "Retry-After"?: number;
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "Too many attempts; try again after `Retry-After` seconds",
           *       "status": 429,
           *       "title": "Too Many Requests",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description The database or the job queue is unavailable, or the request took too long; try again shortly */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "The database or the job queue is unavailable, or the request took too long; try again shortly",
           *       "status": 503,
           *       "title": "Service Unavailable",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
    };
  };
  refresh: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["RefreshRequest"];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Session"];
        };
      };
      /** @description The body is not valid JSON, or could not be read */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "The body is not valid JSON, or could not be read",
           *       "status": 400,
           *       "title": "Bad Request",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description Unknown, expired, revoked or reused refresh token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "Unknown, expired, revoked or reused refresh token",
           *       "status": 401,
           *       "title": "Unauthorized",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description Inactive user */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "Inactive user",
           *       "status": 403,
           *       "title": "Forbidden",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description The body is larger than `MAX_BODY_BYTES` */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "The body is larger than `MAX_BODY_BYTES`",
           *       "status": 413,
           *       "title": "Payload Too Large",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description The body is not sent as `application/json` */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "The body is not sent as `application/json`",
           *       "status": 415,
           *       "title": "Unsupported Media Type",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description A body field, path segment or query parameter is missing or invalid; `errors` lists each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "email: value is not a valid email address",
           *       "errors": [
           *         {
           *           "field": "email",
           *           "message": "value is not a valid email address"
           *         }
           *       ],
           *       "status": 422,
           *       "title": "Unprocessable Entity",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description The database or the job queue is unavailable, or the request took too long; try again shortly */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "The database or the job queue is unavailable, or the request took too long; try again shortly",
           *       "status": 503,
           *       "title": "Service Unavailable",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
    };
  };
  test_token: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["UserPublic"];
        };
      };
      /** @description Missing, invalid or expired access token, the session has ended, or its user no longer exists */
      401: {
        headers: {
          /** @description `Bearer` */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "Missing, invalid or expired access token, the session has ended, or its user no longer exists",
           *       "status": 401,
           *       "title": "Unauthorized",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description Inactive user */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "Inactive user",
           *       "status": 403,
           *       "title": "Forbidden",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description The database or the job queue is unavailable, or the request took too long; try again shortly */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "The database or the job queue is unavailable, or the request took too long; try again shortly",
           *       "status": 503,
           *       "title": "Service Unavailable",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
    };
  };
  logout: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["RefreshRequest"];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Message"];
        };
      };
      /** @description The body is not valid JSON, or could not be read */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "The body is not valid JSON, or could not be read",
           *       "status": 400,
           *       "title": "Bad Request",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description Unknown refresh token */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "Unknown refresh token",
           *       "status": 401,
           *       "title": "Unauthorized",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description The body is larger than `MAX_BODY_BYTES` */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "The body is larger than `MAX_BODY_BYTES`",
           *       "status": 413,
           *       "title": "Payload Too Large",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description The body is not sent as `application/json` */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "The body is not sent as `application/json`",
           *       "status": 415,
           *       "title": "Unsupported Media Type",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description A body field, path segment or query parameter is missing or invalid; `errors` lists each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "email: value is not a valid email address",
           *       "errors": [
           *         {
           *           "field": "email",
           *           "message": "value is not a valid email address"
           *         }
           *       ],
           *       "status": 422,
           *       "title": "Unprocessable Entity",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description The database or the job queue is unavailable, or the request took too long; try again shortly */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "The database or the job queue is unavailable, or the request took too long; try again shortly",
           *       "status": 503,
           *       "title": "Service Unavailable",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
    };
  };
  recover_password_html_content: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The account's email. */
        email: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          /** @description The email's subject */
          subject?: string;
          [name: string]: unknown;
        };
        content: {
          "text/html": string;
        };
      };
      /** @description Missing, invalid or expired access token, the session has ended, or its user no longer exists */
      401: {
        headers: {
          /** @description `Bearer` */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "Missing, invalid or expired access token, the session has ended, or its user no longer exists",
           *       "status": 401,
           *       "title": "Unauthorized",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description Inactive user, or not a superuser */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "Inactive user, or not a superuser",
           *       "status": 403,
           *       "title": "Forbidden",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description No user has this email */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "No user has this email",
           *       "status": 404,
           *       "title": "Not Found",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description A body field, path segment or query parameter is missing or invalid; `errors` lists each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "email: value is not a valid email address",
           *       "errors": [
           *         {
           *           "field": "email",
           *           "message": "value is not a valid email address"
           *         }
           *       ],
           *       "status": 422,
           *       "title": "Unprocessable Entity",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description The database or the job queue is unavailable, or the request took too long; try again shortly */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "The database or the job queue is unavailable, or the request took too long; try again shortly",
           *       "status": 503,
           *       "title": "Service Unavailable",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
    };
  };
  recover_password: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The account's email. */
        email: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Message"];
        };
      };
      /** @description A body field, path segment or query parameter is missing or invalid; `errors` lists each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "email: value is not a valid email address",
           *       "errors": [
           *         {
           *           "field": "email",
           *           "message": "value is not a valid email address"
           *         }
           *       ],
           *       "status": 422,
           *       "title": "Unprocessable Entity",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description Too many attempts; try again after `Retry-After` seconds */
      429: {
        headers: {
          /** @description Seconds until attempts are allowed again */
          "Retry-After"?: number;
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "Too many attempts; try again after `Retry-After` seconds",
           *       "status": 429,
           *       "title": "Too Many Requests",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description The database or the job queue is unavailable, or the request took too long; try again shortly */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "The database or the job queue is unavailable, or the request took too long; try again shortly",
           *       "status": 503,
           *       "title": "Service Unavailable",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
    };
  };
  create_user_private: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["PrivateUserCreate"];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["UserPublic"];
        };
      };
      /** @description Email already registered, or a body that is not JSON */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "Email already registered, or a body that is not JSON",
           *       "status": 400,
           *       "title": "Bad Request",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description The body is larger than `MAX_BODY_BYTES` */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "The body is larger than `MAX_BODY_BYTES`",
           *       "status": 413,
           *       "title": "Payload Too Large",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description The body is not sent as `application/json` */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "The body is not sent as `application/json`",
           *       "status": 415,
           *       "title": "Unsupported Media Type",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description A body field, path segment or query parameter is missing or invalid; `errors` lists each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "email: value is not a valid email address",
           *       "errors": [
           *         {
           *           "field": "email",
           *           "message": "value is not a valid email address"
           *         }
           *       ],
           *       "status": 422,
           *       "title": "Unprocessable Entity",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description The database or the job queue is unavailable, or the request took too long; try again shortly */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "The database or the job queue is unavailable, or the request took too long; try again shortly",
           *       "status": 503,
           *       "title": "Service Unavailable",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
    };
  };
  reset_password: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["NewPassword"];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Message"];
        };
      };
      /** @description Invalid, used or expired token, inactive user, or a body that is not JSON */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "Invalid, used or expired token, inactive user, or a body that is not JSON",
           *       "status": 400,
           *       "title": "Bad Request",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description The body is larger than `MAX_BODY_BYTES` */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "The body is larger than `MAX_BODY_BYTES`",
           *       "status": 413,
           *       "title": "Payload Too Large",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description The body is not sent as `application/json` */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "The body is not sent as `application/json`",
           *       "status": 415,
           *       "title": "Unsupported Media Type",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description A body field, path segment or query parameter is missing or invalid; `errors` lists each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "email: value is not a valid email address",
           *       "errors": [
           *         {
           *           "field": "email",
           *           "message": "value is not a valid email address"
           *         }
           *       ],
           *       "status": 422,
           *       "title": "Unprocessable Entity",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description The database or the job queue is unavailable, or the request took too long; try again shortly */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "The database or the job queue is unavailable, or the request took too long; try again shortly",
           *       "status": 503,
           *       "title": "Service Unavailable",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
    };
  };
  revert_email_change: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["EmailChangeRevert"];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Message"];
        };
      };
      /** @description Invalid, used or expired link, inactive user, or a body that is not JSON */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "Invalid, used or expired link, inactive user, or a body that is not JSON",
           *       "status": 400,
           *       "title": "Bad Request",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description The old email now belongs to another user */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "The old email now belongs to another user",
           *       "status": 409,
           *       "title": "Conflict",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description The body is larger than `MAX_BODY_BYTES` */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "The body is larger than `MAX_BODY_BYTES`",
           *       "status": 413,
           *       "title": "Payload Too Large",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description The body is not sent as `application/json` */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "The body is not sent as `application/json`",
           *       "status": 415,
           *       "title": "Unsupported Media Type",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description A body field, path segment or query parameter is missing or invalid; `errors` lists each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "email: value is not a valid email address",
           *       "errors": [
           *         {
           *           "field": "email",
           *           "message": "value is not a valid email address"
           *         }
           *       ],
           *       "status": 422,
           *       "title": "Unprocessable Entity",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description The database or the job queue is unavailable, or the request took too long; try again shortly */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "The database or the job queue is unavailable, or the request took too long; try again shortly",
           *       "status": 503,
           *       "title": "Service Unavailable",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
    };
  };
  read_users: {
    parameters: {
      query?: {
        /** @description How many records to skip. */
        skip?: number;
        /** @description How many records to return. */
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["UsersPublic"];
        };
      };
      /** @description Missing, invalid or expired access token, the session has ended, or its user no longer exists */
      401: {
        headers: {
          /** @description `Bearer` */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "Missing, invalid or expired access token, the session has ended, or its user no longer exists",
           *       "status": 401,
           *       "title": "Unauthorized",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description Inactive user, or not a superuser */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "Inactive user, or not a superuser",
           *       "status": 403,
           *       "title": "Forbidden",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description A body field, path segment or query parameter is missing or invalid; `errors` lists each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "email: value is not a valid email address",
           *       "errors": [
           *         {
           *           "field": "email",
           *           "message": "value is not a valid email address"
           *         }
           *       ],
           *       "status": 422,
           *       "title": "Unprocessable Entity",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description The database or the job queue is unavailable, or the request took too long; try again shortly */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "The database or the job queue is unavailable, or the request took too long; try again shortly",
           *       "status": 503,
           *       "title": "Service Unavailable",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
    };
  };
  create_user: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["UserCreate"];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["UserPublic"];
        };
      };
      /** @description Email already registered, or a body that is not JSON */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "Email already registered, or a body that is not JSON",
           *       "status": 400,
           *       "title": "Bad Request",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description Missing, invalid or expired access token, the session has ended, or its user no longer exists */
      401: {
        headers: {
          /** @description `Bearer` */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "Missing, invalid or expired access token, the session has ended, or its user no longer exists",
           *       "status": 401,
           *       "title": "Unauthorized",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description Inactive user, or not a superuser */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "Inactive user, or not a superuser",
           *       "status": 403,
           *       "title": "Forbidden",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description The body is larger than `MAX_BODY_BYTES` */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "The body is larger than `MAX_BODY_BYTES`",
           *       "status": 413,
           *       "title": "Payload Too Large",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description The body is not sent as `application/json` */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "The body is not sent as `application/json`",
           *       "status": 415,
           *       "title": "Unsupported Media Type",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description A body field, path segment or query parameter is missing or invalid; `errors` lists each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "email: value is not a valid email address",
           *       "errors": [
           *         {
           *           "field": "email",
           *           "message": "value is not a valid email address"
           *         }
           *       ],
           *       "status": 422,
           *       "title": "Unprocessable Entity",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description The database or the job queue is unavailable, or the request took too long; try again shortly */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "The database or the job queue is unavailable, or the request took too long; try again shortly",
           *       "status": 503,
           *       "title": "Service Unavailable",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
    };
  };
  read_user_me: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["UserPublic"];
        };
      };
      /** @description Missing, invalid or expired access token, the session has ended, or its user no longer exists */
      401: {
        headers: {
          /** @description `Bearer` */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "Missing, invalid or expired access token, the session has ended, or its user no longer exists",
           *       "status": 401,
           *       "title": "Unauthorized",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description Inactive user */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "Inactive user",
           *       "status": 403,
           *       "title": "Forbidden",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description The database or the job queue is unavailable, or the request took too long; try again shortly */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "The database or the job queue is unavailable, or the request took too long; try again shortly",
           *       "status": 503,
           *       "title": "Service Unavailable",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
    };
  };
  delete_user_me: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Message"];
        };
      };
      /** @description Missing, invalid or expired access token, the session has ended, or its user no longer exists */
      401: {
        headers: {
          /** @description `Bearer` */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "Missing, invalid or expired access token, the session has ended, or its user no longer exists",
           *       "status": 401,
           *       "title": "Unauthorized",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description Inactive user, or a superuser (superusers cannot delete themselves) */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "Inactive user, or a superuser (superusers cannot delete themselves)",
           *       "status": 403,
           *       "title": "Forbidden",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description The database or the job queue is unavailable, or the request took too long; try again shortly */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "The database or the job queue is unavailable, or the request took too long; try again shortly",
           *       "status": 503,
           *       "title": "Service Unavailable",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
    };
  };
  update_user_me: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["UserUpdateMe"];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["UserPublic"];
        };
      };
      /** @description The body is not valid JSON, or could not be read */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "The body is not valid JSON, or could not be read",
           *       "status": 400,
           *       "title": "Bad Request",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description Missing, invalid or expired access token, the session has ended, or its user no longer exists */
      401: {
        headers: {
          /** @description `Bearer` */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "Missing, invalid or expired access token, the session has ended, or its user no longer exists",
           *       "status": 401,
           *       "title": "Unauthorized",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description Inactive user */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "Inactive user",
           *       "status": 403,
           *       "title": "Forbidden",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description Email taken by another user */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "Email taken by another user",
           *       "status": 409,
           *       "title": "Conflict",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description The body is larger than `MAX_BODY_BYTES` */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "The body is larger than `MAX_BODY_BYTES`",
           *       "status": 413,
           *       "title": "Payload Too Large",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description The body is not sent as `application/json` */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "The body is not sent as `application/json`",
           *       "status": 415,
           *       "title": "Unsupported Media Type",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description A body field, path segment or query parameter is missing or invalid; `errors` lists each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "email: value is not a valid email address",
           *       "errors": [
           *         {
           *           "field": "email",
           *           "message": "value is not a valid email address"
           *         }
           *       ],
           *       "status": 422,
           *       "title": "Unprocessable Entity",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description The database or the job queue is unavailable, or the request took too long; try again shortly */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "The database or the job queue is unavailable, or the request took too long; try again shortly",
           *       "status": 503,
           *       "title": "Service Unavailable",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
    };
  };
  update_password_me: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["UpdatePassword"];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Message"];
        };
      };
      /** @description Wrong current password, new password same as current, or a body that is not JSON */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "Wrong current password, new password same as current, or a body that is not JSON",
           *       "status": 400,
           *       "title": "Bad Request",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description Missing, invalid or expired access token, the session has ended, or its user no longer exists */
      401: {
        headers: {
          /** @description `Bearer` */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "Missing, invalid or expired access token, the session has ended, or its user no longer exists",
           *       "status": 401,
           *       "title": "Unauthorized",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description Inactive user */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "Inactive user",
           *       "status": 403,
           *       "title": "Forbidden",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description The body is larger than `MAX_BODY_BYTES` */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "The body is larger than `MAX_BODY_BYTES`",
           *       "status": 413,
           *       "title": "Payload Too Large",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description The body is not sent as `application/json` */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "The body is not sent as `application/json`",
           *       "status": 415,
           *       "title": "Unsupported Media Type",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description A body field, path segment or query parameter is missing or invalid; `errors` lists each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "email: value is not a valid email address",
           *       "errors": [
           *         {
           *           "field": "email",
           *           "message": "value is not a valid email address"
           *         }
           *       ],
           *       "status": 422,
           *       "title": "Unprocessable Entity",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description Too many attempts; try again after `Retry-After` seconds */
      429: {
        headers: {
          /** @description Seconds until attempts are allowed again */
          "Retry-After"?: number;
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "Too many attempts; try again after `Retry-After` seconds",
           *       "status": 429,
           *       "title": "Too Many Requests",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description The database or the job queue is unavailable, or the request took too long; try again shortly */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "The database or the job queue is unavailable, or the request took too long; try again shortly",
           *       "status": 503,
           *       "title": "Service Unavailable",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
    };
  };
  register_user: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["UserRegister"];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["UserPublic"];
        };
      };
      /** @description Email already registered, or a body that is not JSON */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "Email already registered, or a body that is not JSON",
           *       "status": 400,
           *       "title": "Bad Request",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description The body is larger than `MAX_BODY_BYTES` */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "The body is larger than `MAX_BODY_BYTES`",
           *       "status": 413,
           *       "title": "Payload Too Large",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description The body is not sent as `application/json` */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "The body is not sent as `application/json`",
           *       "status": 415,
           *       "title": "Unsupported Media Type",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description A body field, path segment or query parameter is missing or invalid; `errors` lists each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "email: value is not a valid email address",
           *       "errors": [
           *         {
           *           "field": "email",
           *           "message": "value is not a valid email address"
           *         }
           *       ],
           *       "status": 422,
           *       "title": "Unprocessable Entity",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description Too many attempts; try again after `Retry-After` seconds */
      429: {
        headers: {
          /** @description Seconds until attempts are allowed again */
          "Retry-After"?: number;
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "Too many attempts; try again after `Retry-After` seconds",
           *       "status": 429,
           *       "title": "Too Many Requests",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description The database or the job queue is unavailable, or the request took too long; try again shortly */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "The database or the job queue is unavailable, or the request took too long; try again shortly",
           *       "status": 503,
           *       "title": "Service Unavailable",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
    };
  };
  read_user_by_id: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["UserPublic"];
        };
      };
      /** @description Missing, invalid or expired access token, the session has ended, or its user no longer exists */
      401: {
        headers: {
          /** @description `Bearer` */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "Missing, invalid or expired access token, the session has ended, or its user no longer exists",
           *       "status": 401,
           *       "title": "Unauthorized",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description Inactive user, or someone else's record and not a superuser */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "Inactive user, or someone else's record and not a superuser",
           *       "status": 403,
           *       "title": "Forbidden",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description User not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "User not found",
           *       "status": 404,
           *       "title": "Not Found",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description A body field, path segment or query parameter is missing or invalid; `errors` lists each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "email: value is not a valid email address",
           *       "errors": [
           *         {
           *           "field": "email",
           *           "message": "value is not a valid email address"
           *         }
           *       ],
           *       "status": 422,
           *       "title": "Unprocessable Entity",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description The database or the job queue is unavailable, or the request took too long; try again shortly */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "The database or the job queue is unavailable, or the request took too long; try again shortly",
           *       "status": 503,
           *       "title": "Service Unavailable",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
    };
  };
  delete_user: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Message"];
        };
      };
      /** @description Missing, invalid or expired access token, the session has ended, or its user no longer exists */
      401: {
        headers: {
          /** @description `Bearer` */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "Missing, invalid or expired access token, the session has ended, or its user no longer exists",
           *       "status": 401,
           *       "title": "Unauthorized",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description Inactive user, not a superuser, or a superuser deleting themselves */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "Inactive user, not a superuser, or a superuser deleting themselves",
           *       "status": 403,
           *       "title": "Forbidden",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description User not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "User not found",
           *       "status": 404,
           *       "title": "Not Found",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description A body field, path segment or query parameter is missing or invalid; `errors` lists each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "email: value is not a valid email address",
           *       "errors": [
           *         {
           *           "field": "email",
           *           "message": "value is not a valid email address"
           *         }
           *       ],
           *       "status": 422,
           *       "title": "Unprocessable Entity",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description The database or the job queue is unavailable, or the request took too long; try again shortly */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "The database or the job queue is unavailable, or the request took too long; try again shortly",
           *       "status": 503,
           *       "title": "Service Unavailable",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
    };
  };
  update_user: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["UserUpdate"];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["UserPublic"];
        };
      };
      /** @description The body is not valid JSON, or could not be read */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "The body is not valid JSON, or could not be read",
           *       "status": 400,
           *       "title": "Bad Request",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description Missing, invalid or expired access token, the session has ended, or its user no longer exists */
      401: {
        headers: {
          /** @description `Bearer` */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "Missing, invalid or expired access token, the session has ended, or its user no longer exists",
           *       "status": 401,
           *       "title": "Unauthorized",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description Inactive user, or not a superuser */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "Inactive user, or not a superuser",
           *       "status": 403,
           *       "title": "Forbidden",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description User not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "User not found",
           *       "status": 404,
           *       "title": "Not Found",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description Email taken by another user, or the last active superuser demoted or deactivated */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "Email taken by another user, or the last active superuser demoted or deactivated",
           *       "status": 409,
           *       "title": "Conflict",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description The body is larger than `MAX_BODY_BYTES` */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "The body is larger than `MAX_BODY_BYTES`",
           *       "status": 413,
           *       "title": "Payload Too Large",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description The body is not sent as `application/json` */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "The body is not sent as `application/json`",
           *       "status": 415,
           *       "title": "Unsupported Media Type",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description A body field, path segment or query parameter is missing or invalid; `errors` lists each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "email: value is not a valid email address",
           *       "errors": [
           *         {
           *           "field": "email",
           *           "message": "value is not a valid email address"
           *         }
           *       ],
           *       "status": 422,
           *       "title": "Unprocessable Entity",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description The database or the job queue is unavailable, or the request took too long; try again shortly */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "The database or the job queue is unavailable, or the request took too long; try again shortly",
           *       "status": 503,
           *       "title": "Service Unavailable",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
    };
  };
  health_check: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": boolean;
        };
      };
    };
  };
  test_email: {
    parameters: {
      query: {
        /** @description Where to send the test email. */
        email_to: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Message"];
        };
      };
      /** @description Missing, invalid or expired access token, the session has ended, or its user no longer exists */
      401: {
        headers: {
          /** @description `Bearer` */
          "WWW-Authenticate"?: string;
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "Missing, invalid or expired access token, the session has ended, or its user no longer exists",
           *       "status": 401,
           *       "title": "Unauthorized",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description Inactive user, or not a superuser */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "Inactive user, or not a superuser",
           *       "status": 403,
           *       "title": "Forbidden",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description A body field, path segment or query parameter is missing or invalid; `errors` lists each */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "email: value is not a valid email address",
           *       "errors": [
           *         {
           *           "field": "email",
           *           "message": "value is not a valid email address"
           *         }
           *       ],
           *       "status": 422,
           *       "title": "Unprocessable Entity",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
      /** @description The database or the job queue is unavailable, or the request took too long; try again shortly */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "detail": "The database or the job queue is unavailable, or the request took too long; try again shortly",
           *       "status": 503,
           *       "title": "Service Unavailable",
           *       "type": "about:blank"
           *     }
           */
          "application/problem+json": components["schemas"]["ErrorBody"];
        };
      };
    };
  };
  live: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Health"];
        };
      };
    };
  };
  ready: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Readiness"];
        };
      };
      /** @description A dependency is down */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Readiness"];
        };
      };
    };
  };
}
