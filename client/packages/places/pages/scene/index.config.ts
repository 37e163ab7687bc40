export default definePageConfig({
  navigationBarTitleText: '扫码定位',
  enablePullDownRefresh: true,
})
