export default definePageConfig({
  navigationBarTitleText: '点位管理',
})
