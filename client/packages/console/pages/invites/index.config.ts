export default definePageConfig({
  navigationBarTitleText: '邀请',
  enablePullDownRefresh: true,
  onReachBottomDistance: 100,
})
