import { act, cleanup } from '@testing-library/react'
import { resetTaro } from './__mocks__/taro'
import { useSession } from '../stores/session'
import { usePrivacy } from '../lib/privacy/store'

beforeEach(() => {
  resetTaro()
  act(() => {
    useSession.setState({ token: null, user: null, role: null, elderMode: false })
    usePrivacy.setState({ visible: false, waiting: [] })
  })
})

afterEach(() => {
  cleanup()
})
