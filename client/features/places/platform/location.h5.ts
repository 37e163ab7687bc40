/** The browser build has no map picker: coordinates are typed (read them off a map app). */
export const CAN_PICK_LOCATION = false

export async function pickLocation(): Promise<{ lat: number; lng: number; name: string; address: string } | null> {
  return null
}
