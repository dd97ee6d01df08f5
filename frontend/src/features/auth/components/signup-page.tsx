export default function Page() {
  return <h1>Sign up</h1>;
}
