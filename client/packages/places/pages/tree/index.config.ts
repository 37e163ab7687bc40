export default definePageConfig({
  navigationBarTitleText: '点位与二维码',
  enablePullDownRefresh: true,
})
