import { choiceLabel, withCurrent } from "./use-choices";

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const choices = [
  { value: id(1), label: "Buy milk" },
  { value: id(2), label: "Fix the bike" },
];

test("a record is named by its choice; one past the first page by its id's start", () => {
  expect(choiceLabel(choices, id(2))).toBe("Fix the bike");
  expect(choiceLabel(choices, id(3))).toBe("00000000…");
  expect(choiceLabel(undefined, id(1))).toBe("00000000…");
  expect(choiceLabel(choices, null)).toBe("");
});

test("the record a form starts with is always among its choices, so saving keeps it", () => {
  expect(withCurrent(choices, id(1))).toBe(choices);
  expect(withCurrent(choices, null)).toBe(choices);
  expect(withCurrent(choices, id(3))).toEqual([...choices, { value: id(3), label: "00000000…" }]);
  expect(withCurrent(undefined, id(3))).toBeUndefined();
});
