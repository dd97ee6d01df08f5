export default function Page() {
  return <h1>Recover password</h1>;
}
