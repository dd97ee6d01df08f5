export default function Page() {
  return <h1>Items</h1>;
}
