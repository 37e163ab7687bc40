import Taro from '@tarojs/taro'
import type { StateStorage } from 'zustand/middleware'

/** WeChat storage is synchronous, so zustand hydrates before the first render and pages never flash "logged out". */
export const taroStorage: StateStorage = {
  getItem: (name) => {
    const value = Taro.getStorageSync(name)
    return typeof value === 'string' && value !== '' ? value : null
  },
  setItem: (name, value) => {
    Taro.setStorageSync(name, value)
  },
  removeItem: (name) => {
    Taro.removeStorageSync(name)
  },
}
