export default definePageConfig({
  navigationBarTitleText: '点位管理',
  enablePullDownRefresh: true,
  onReachBottomDistance: 100,
})
