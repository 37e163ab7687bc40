export default definePageConfig({
  navigationBarTitleText: '志愿者记录',
  enablePullDownRefresh: true,
})
