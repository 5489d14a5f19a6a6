/** The trunk name in a channel such as SIP/carrierA-0000001a or PJSIP/trunk_b-00000003. */
export function trunkOfChannel(channel: string): string {
  const match = /^[A-Za-z0-9]+\/(.+)-[0-9a-f]+$/.exec(channel.trim());
  return match ? match[1] : channel.trim();
}
