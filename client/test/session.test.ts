import { taroStorage } from './__mocks__/taro'
import { SESSION_STORAGE_KEY, primaryRole, useSession } from '../stores/session'
import { aUser } from './fixtures'

describe('session store', () => {
  it('should write the token, user, role and elder mode to Taro storage', () => {
    useSession.getState().signIn('tok-1', aUser({ roles: ['resident', 'volunteer'] }))
    useSession.getState().setElderMode(true)
    const saved = JSON.parse(taroStorage.get(SESSION_STORAGE_KEY) as string)
    expect(saved.state).toMatchObject({ token: 'tok-1', role: 'volunteer', elderMode: true })
    expect(saved.state.user.name).toBe('张阿姨')
  })

  it('should restore a saved session on the next launch', async () => {
    taroStorage.set(
      SESSION_STORAGE_KEY,
      JSON.stringify({ state: { token: 'tok-saved', user: aUser({ name: '李建国' }), role: 'resident', elderMode: true }, version: 1 }),
    )
    await useSession.persist.rehydrate()
    const s = useSession.getState()
    expect(s.token).toBe('tok-saved')
    expect(s.user?.name).toBe('李建国')
    expect(s.elderMode).toBe(true)
  })

  it('should keep elder mode but forget the person on sign-out', () => {
    useSession.getState().signIn('tok-1', aUser())
    useSession.getState().setElderMode(true)
    useSession.getState().signOut()
    const saved = JSON.parse(taroStorage.get(SESSION_STORAGE_KEY) as string)
    expect(saved.state).toMatchObject({ token: null, user: null, role: null, elderMode: true })
  })

  it('should ignore a profile update that arrives after sign-out', () => {
    useSession.getState().signIn('t', aUser())
    useSession.getState().signOut()
    useSession.getState().updateUser(aUser({ name: '迟到的资料' }))
    expect(useSession.getState().user).toBeNull()
  })

  it('should only switch to a role the user actually holds', () => {
    useSession.getState().signIn('t', aUser({ roles: ['resident', 'volunteer'] }))
    useSession.getState().switchRole('staff')
    expect(useSession.getState().role).toBe('volunteer')
    useSession.getState().switchRole('resident')
    expect(useSession.getState().role).toBe('resident')
  })

  it('should pick the role with the most duties as the starting role', () => {
    expect(primaryRole(['resident', 'grid_worker'])).toBe('grid_worker')
    expect(primaryRole(['volunteer', 'resident'])).toBe('volunteer')
    expect(primaryRole([])).toBeNull()
  })
})
