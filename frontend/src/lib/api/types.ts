// Names for the generated schema types (schema.d.ts comes from the backend's
// /openapi.json: `npm run generate-client`; never edit it by hand).
import type { components, paths } from "./schema";

type Schemas = components["schemas"];

export type ErrorBody = Schemas["ErrorBody"];
export type FieldError = Schemas["FieldError"];
export type Message = Schemas["Message"];
export type Session = Schemas["Session"];
export type UserPublic = Schemas["UserPublic"];
export type UsersPublic = Schemas["UsersPublic"];
export type UserCreate = Schemas["UserCreate"];
export type UserRegister = Schemas["UserRegister"];
export type UserUpdate = Schemas["UserUpdate"];
export type UserUpdateMe = Schemas["UserUpdateMe"];
export type UpdatePassword = Schemas["UpdatePassword"];
export type NewPassword = Schemas["NewPassword"];
export type EmailChangeRevert = Schemas["EmailChangeRevert"];
export type ItemPublic = Schemas["ItemPublic"];
export type ItemsPublic = Schemas["ItemsPublic"];
export type ItemCreate = Schemas["ItemCreate"];
export type ItemUpdate = Schemas["ItemUpdate"];

export type ApiPath = keyof paths;
