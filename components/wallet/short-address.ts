/** `0x7099…79C8`: enough to recognise an address, with the full one available as a title. */
export function shortAddress(address: string): string {
  return address.length > 12 ? `${address.slice(0, 6)}…${address.slice(-4)}` : address;
}
