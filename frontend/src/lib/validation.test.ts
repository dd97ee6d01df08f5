import { email, maxLength, password, required, sameAs, validate } from "./validation";

test("required refuses blanks", () => {
  const check = required("Title");
  expect(check("")).toBe("Title is required.");
  expect(check("   ")).toBe("Title is required.");
  expect(check(" x ")).toBeNull();
});

test("email needs something@domain.tld of at most 255 characters", () => {
  expect(email("")).toBe("Email is required.");
  expect(email("  ")).toBe("Email is required.");
  for (const bad of ["ann", "ann@example", "ann@@example.com", "an n@example.com", "@x.io"]) {
    expect(email(bad)).toBe("Enter a valid email address.");
  }
  expect(email("ann@example.com")).toBeNull();
  expect(email(" ann+test@mail.example.co.uk ")).toBeNull();
  const local = "a".repeat(243);
  expect(email(`${local}@example.com`)).toBeNull(); // 255 characters
  expect(email(`${local}a@example.com`)).toBe("Email must be at most 255 characters.");
});

test("password needs 8 to 128 characters", () => {
  expect(password("")).toBe("Password is required.");
  expect(password("1234567")).toBe("Password must be at least 8 characters.");
  expect(password("12345678")).toBeNull();
  expect(password("x".repeat(128))).toBeNull();
  expect(password("x".repeat(129))).toBe("Password must be at most 128 characters.");
});

test("lengths count characters as the API does, not UTF-16 units", () => {
  // Each emoji is one character but two UTF-16 units.
  expect(password("😀".repeat(4))).toBe("Password must be at least 8 characters.");
  expect(password("😀".repeat(128))).toBeNull();
  expect(maxLength("Title")("😀".repeat(255))).toBeNull();
  expect(maxLength("Title")("😀".repeat(256))).toBe("Title must be at most 255 characters.");
});

test("maxLength defaults to the API's 255", () => {
  expect(maxLength("Title")("x".repeat(255))).toBeNull();
  expect(maxLength("Title")("x".repeat(256))).toBe("Title must be at most 255 characters.");
  expect(maxLength("Code", 3)("abcd")).toBe("Code must be at most 3 characters.");
});

test("sameAs compares with the other field's current value", () => {
  let other = "secret";
  const check = sameAs(() => other);
  expect(check("secret")).toBeNull();
  other = "changed";
  expect(check("secret")).toBe("The passwords do not match.");
  expect(sameAs(() => "a", "Different.")("b")).toBe("Different.");
});

test("validate reports the first failing check of each field", () => {
  const values = { title: "", description: "x".repeat(300), extra: "" };
  const errors = validate(values, {
    title: [required("Title"), maxLength("Title")],
    description: [maxLength("Description"), required("Description")],
  });
  expect(errors).toEqual({
    title: "Title is required.",
    description: "Description must be at most 255 characters.",
  });
  expect(validate({ title: "ok" }, { title: [required("Title")] })).toEqual({});
});
