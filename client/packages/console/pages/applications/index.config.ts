export default definePageConfig({
  navigationBarTitleText: '志愿者申请',
  enablePullDownRefresh: true,
  onReachBottomDistance: 100,
})
